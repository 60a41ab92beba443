import { Module } from '@nestjs/common';
import { CustomerMergeService } from './customer-merge.service';
import { CustomersService } from './customers.service';
import { IdentityResolutionService } from './identity-resolution.service';
import { MergeSuggestionsService } from './merge-suggestions.service';
import { CUSTOMER_REPOSITORY } from './ports/customer.repository';
import { TimelineService } from './timeline.service';
import { TypeOrmCustomerRepository } from './typeorm-customer.repository';
import { VerifiedIdentityService } from './verified-identity.service';

@Module({
  providers: [
    { provide: CUSTOMER_REPOSITORY, useClass: TypeOrmCustomerRepository },
    CustomersService, IdentityResolutionService, TimelineService, CustomerMergeService, MergeSuggestionsService, VerifiedIdentityService,
  ],
  exports: [CustomersService, IdentityResolutionService, TimelineService, CustomerMergeService, MergeSuggestionsService, VerifiedIdentityService],
})
export class CustomersModule {}
