import { Module } from '@nestjs/common';
import { CustomersService } from './customers.service';
import { IdentityResolutionService } from './identity-resolution.service';
import { TimelineService } from './timeline.service';

@Module({
  providers: [CustomersService, IdentityResolutionService, TimelineService],
  exports: [CustomersService, IdentityResolutionService, TimelineService],
})
export class CustomersModule {}
