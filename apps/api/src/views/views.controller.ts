import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import type { ConversationDto, CustomerDto, Page, SavedViewDto, ViewCounts, ViewKind } from '@parley/contracts';
import { ConversationsService } from '@parley/conversations';
import { CustomersService } from '@parley/customers';
import { VIEW_KINDS } from '@parley/domain';
import { SavedViewsService, type VisibleView } from '@parley/views';
import { AuthUser, CurrentUser } from '../auth/auth.decorators';
import { IdPipe } from '../http/id.pipe';
import { Omittable } from '../http/omittable.decorator';
import { conversationQueryFor } from './view-filters';

class NewViewBody {
  @ApiProperty({ enum: VIEW_KINDS }) @IsIn(VIEW_KINDS as ViewKind[]) kind: ViewKind;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ description: 'a ConversationViewFilter or CustomerViewFilter (docs/CONTRACT.md)' }) @IsObject() filters: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, description: 'share with this team; null or absent = personal' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() teamId?: string | null;
}

class ViewChangesBody {
  @ApiPropertyOptional() @Omittable() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @Omittable() @IsObject() filters?: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() teamId?: string | null;
  @ApiPropertyOptional() @Omittable() @IsInt() @Min(0) @Max(10_000) position?: number;
}

class ViewPageQuery {
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 25 }) @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/**
 * Saved views. The views lib keeps them and decides who sees which; the matches are counted and
 * listed here by the conversations and customers libs, which the views lib does not know.
 */
@ApiTags('views')
@ApiBearerAuth()
@Controller('api/views')
export class ViewsController {
  constructor(private readonly views: SavedViewsService, private readonly conversations: ConversationsService, private readonly customers: CustomersService) {}

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<SavedViewDto[]> {
    return this.views.list(user);
  }

  @Get('counts')
  async counts(@CurrentUser() user: AuthUser): Promise<ViewCounts> {
    const counts: ViewCounts = {};
    for (const view of await this.views.visible(user)) counts[view.id] = await this.count(view, user);
    return counts;
  }

  @Post()
  create(@Body() body: NewViewBody, @CurrentUser() user: AuthUser): Promise<SavedViewDto> {
    return this.views.create({ kind: body.kind, name: body.name, filters: body.filters, teamId: this.teamId(body.teamId) }, user);
  }

  @Patch(':id')
  update(@Param('id', IdPipe) id: string, @Body() body: ViewChangesBody, @CurrentUser() user: AuthUser): Promise<SavedViewDto> {
    return this.views.update(id, { ...body, ...(body.teamId !== undefined ? { teamId: this.teamId(body.teamId) } : {}) }, user);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', IdPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.views.delete(id, user);
  }

  @Get(':id/conversations')
  async conversationPage(@Param('id', IdPipe) id: string, @Query() q: ViewPageQuery, @CurrentUser() user: AuthUser): Promise<Page<ConversationDto>> {
    const view = await this.views.get(id, user);
    if (view.kind !== 'conversations') return { items: [], nextCursor: null };
    return this.conversations.list({ ...conversationQueryFor(view.filters, user.id), cursor: q.cursor, limit: q.limit ?? 25 });
  }

  @Get(':id/customers')
  async customerPage(@Param('id', IdPipe) id: string, @Query() q: ViewPageQuery, @CurrentUser() user: AuthUser): Promise<Page<CustomerDto>> {
    const view = await this.views.get(id, user);
    if (view.kind !== 'customers') return { items: [], nextCursor: null };
    return this.customers.segment(view.filters, q.cursor, q.limit ?? 25);
  }

  private count(view: VisibleView, user: AuthUser): Promise<number> {
    return view.kind === 'conversations' ? this.conversations.count(conversationQueryFor(view.filters, user.id)) : this.customers.countSegment(view.filters);
  }

  private teamId(value: string | null | undefined): string | null {
    return value ? new IdPipe().transform(value) : null;
  }
}
