import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SEARCH_SORTS, SEARCH_TYPES, type Channel, type ConversationStatus, type SearchResponse, type SearchSort, type SearchType, CHANNELS } from '@parley/contracts';
import { CONVERSATION_STATUSES, isId, MAX_SEARCH_QUERY_LENGTH } from '@parley/domain';
import { SearchService } from '@parley/search';
import { AuthUser, CurrentUser } from '../auth/auth.decorators';
import { Omittable } from '../http/omittable.decorator';


class SearchQueryParams {
  @ApiProperty({ description: 'words in any form (Russian, English), "a phrase", a phone in any form' })
  @IsString() @MinLength(1) @MaxLength(MAX_SEARCH_QUERY_LENGTH) q: string;
  @ApiPropertyOptional({ enum: SEARCH_TYPES, description: 'absent: a few hits of each type' }) @Omittable() @IsIn(SEARCH_TYPES as SearchType[]) type?: SearchType;
  @ApiPropertyOptional({ enum: CHANNELS }) @Omittable() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional() @Omittable() @IsString() inboxId?: string;
  @ApiPropertyOptional() @Omittable() @IsString() teamId?: string;
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES }) @Omittable() @IsIn(CONVERSATION_STATUSES as ConversationStatus[]) status?: ConversationStatus;
  @ApiPropertyOptional() @Omittable() @IsString() labelId?: string;
  @ApiPropertyOptional({ description: 'a user id, `me` or `none` (unassigned)' }) @Omittable() @IsString() assigneeId?: string;
  @ApiPropertyOptional({ description: 'ISO 8601: messages written from this moment' }) @Omittable() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'ISO 8601: messages written before this moment' }) @Omittable() @IsISO8601() to?: string;
  @ApiPropertyOptional({ enum: SEARCH_SORTS, default: 'relevance' }) @Omittable() @IsIn(SEARCH_SORTS as SearchSort[]) sort?: SearchSort;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(400) cursor?: string;
  @ApiPropertyOptional({ description: '1–50; default 20 for one type, 5 each for all' }) @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

const optionalId = (value: string | undefined, name: string): string | undefined => {
  if (value !== undefined && !isId(value)) throw new BadRequestException(`${name} is not a valid id`);
  return value?.toLowerCase();
};

// Every agent sees every conversation (as GET /api/conversations): search shows them no more and no less.
@ApiTags('search')
@ApiBearerAuth()
@Controller('api/search')
export class SearchController {
  constructor(private readonly searches: SearchService) {}

  @Get()
  search(@Query() q: SearchQueryParams, @CurrentUser() user: AuthUser): Promise<SearchResponse> {
    const assigneeId = q.assigneeId === 'me' ? user.id : q.assigneeId === 'none' ? null : optionalId(q.assigneeId, 'assigneeId');
    return this.searches.search({
      q: q.q,
      type: q.type,
      sort: q.sort,
      cursor: q.cursor,
      limit: q.limit,
      filters: {
        channel: q.channel,
        inboxId: optionalId(q.inboxId, 'inboxId'),
        teamId: optionalId(q.teamId, 'teamId'),
        status: q.status,
        labelId: optionalId(q.labelId, 'labelId'),
        assigneeId,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      },
    });
  }
}
