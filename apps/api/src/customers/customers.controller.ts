import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Omittable } from '../http/omittable.decorator';
import {
  CUSTOMER_SORTS, type Channel, type ConversationDto, type CustomerDto, type CustomerMergeDto, type CustomerSort, type CustomerTagDto, type MergePreviewDto,
  type MergeResultDto, type MergeSuggestionDto, type Page, type TimelineEventDto, CHANNELS,
} from '@parley/contracts';
import { ConversationsService } from '@parley/conversations';
import { CustomerMergeService, CustomersService, MergeSuggestionsService } from '@parley/customers';
import { AuthUser, CurrentUser } from '../auth/auth.decorators';
import { IdPipe } from '../http/id.pipe';


class SearchQuery {
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(200) query?: string;
  @ApiPropertyOptional({ enum: CUSTOMER_SORTS, default: 'updated' }) @Omittable() @IsIn(CUSTOMER_SORTS as CustomerSort[]) sort?: CustomerSort;
  @ApiPropertyOptional({ enum: CHANNELS, description: 'customers with an identity on this channel' }) @Omittable() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional({ description: 'customers carrying this tag' }) @Omittable() @IsString() @MaxLength(60) tag?: string;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(1000) cursor?: string;
  @ApiPropertyOptional({ default: 25 }) @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

class TagsQuery {
  @ApiPropertyOptional({ default: 100 }) @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

class TimelineQuery {
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(200) before?: string;
  @ApiPropertyOptional({ default: 50 }) @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

class PatchCustomerBody {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) name?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(320) email?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(32) phone?: string | null;
  @ApiPropertyOptional() @Omittable() @IsObject() attributes?: Record<string, unknown>;
  @ApiPropertyOptional() @Omittable() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(60, { each: true }) tags?: string[];
}

class CrmEventBody {
  @ApiProperty({ example: 'order' }) @IsString() @MinLength(1) @MaxLength(60) type: string;
  @ApiProperty({ example: 'Order #1042 paid' }) @IsString() @MinLength(1) @MaxLength(300) title: string;
  @ApiPropertyOptional() @Omittable() @IsISO8601() occurredAt?: string;
  @ApiPropertyOptional() @Omittable() @IsObject() data?: Record<string, unknown>;
}

class MergeBody {
  @ApiProperty() @IsString() @MaxLength(100) sourceCustomerId: string;
}

class SuggestionsQuery {
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(100) customerId?: string;
  @ApiPropertyOptional({ default: 50 }) @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

class PreviewQuery {
  @ApiProperty() @IsString() @MaxLength(100) sourceCustomerId: string;
}

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly conversations: ConversationsService,
    private readonly merges: CustomerMergeService,
    private readonly suggestions: MergeSuggestionsService,
  ) {}

  @Get()
  search(@Query() q: SearchQuery): Promise<Page<CustomerDto>> {
    return this.customers.search(q.query, q.cursor, q.limit ?? 25, { sort: q.sort, channel: q.channel, tag: q.tag });
  }

  // Declared before ':id' so that these fixed paths are not read as a customer id.
  @Get('tags')
  tags(@Query() q: TagsQuery): Promise<CustomerTagDto[]> {
    return this.customers.tags(q.limit ?? 100);
  }

  @Get('merge-suggestions')
  mergeSuggestions(@Query() q: SuggestionsQuery): Promise<MergeSuggestionDto[]> {
    return this.suggestions.list(q.customerId === undefined ? undefined : new IdPipe().transform(q.customerId), q.limit ?? 50);
  }

  @Post('merge-suggestions/:id/dismiss')
  @HttpCode(204)
  dismissSuggestion(@Param('id', IdPipe) id: string): Promise<void> {
    return this.suggestions.dismiss(id);
  }

  @Post('merges/:mergeId/undo')
  async undoMerge(@Param('mergeId', IdPipe) mergeId: string, @CurrentUser() user: AuthUser): Promise<CustomerDto> {
    const restored = await this.merges.undo(mergeId, user.name);
    await this.conversations.announceCustomerChange(restored.id);
    return restored;
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: string): Promise<CustomerDto> {
    return this.customers.get(id);
  }

  @Patch(':id')
  async update(@Param('id', IdPipe) id: string, @Body() body: PatchCustomerBody): Promise<CustomerDto> {
    const customer = await this.customers.update(id, body);
    await this.conversations.announceCustomerChange(id);
    return customer;
  }

  @Get(':id/timeline')
  timeline(@Param('id', IdPipe) id: string, @Query() q: TimelineQuery): Promise<Page<TimelineEventDto>> {
    return this.customers.timelinePage(id, q.before, q.limit ?? 50);
  }

  @Get(':id/conversations')
  async conversationsOf(@Param('id', IdPipe) id: string): Promise<Page<ConversationDto>> {
    await this.customers.get(id);
    return this.conversations.list({ customerId: id, limit: 100 });
  }

  @Post(':id/events')
  addEvent(@Param('id', IdPipe) id: string, @Body() body: CrmEventBody): Promise<TimelineEventDto> {
    return this.customers.addEvent(id, body);
  }

  @Get(':id/merge-preview')
  mergePreview(@Param('id', IdPipe) id: string, @Query() q: PreviewQuery): Promise<MergePreviewDto> {
    return this.merges.preview(id, new IdPipe().transform(q.sourceCustomerId));
  }

  @Get(':id/merges')
  async mergesOf(@Param('id', IdPipe) id: string): Promise<CustomerMergeDto[]> {
    await this.customers.get(id);
    return this.merges.mergesOf(id);
  }

  @Post(':id/merge')
  async merge(@Param('id', IdPipe) id: string, @Body() body: MergeBody, @CurrentUser() user: AuthUser): Promise<MergeResultDto> {
    const customer = await this.customers.merge(id, new IdPipe().transform(body.sourceCustomerId), user.name);
    await this.conversations.announceCustomerChange(id);
    return customer;
  }
}
