import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { BulkOperationDto } from '@parley/contracts';
import { BulkOperationsService, type BulkSelection } from '@parley/conversations';
import { validateBulkAction, validateConversationFilter } from '@parley/domain';
import { SavedViewsService } from '@parley/views';
import { AuthUser, CurrentUser } from '../auth/auth.decorators';
import { hasRole } from '../auth/roles';
import { IdPipe } from '../http/id.pipe';
import { conversationQueryFor, validOrBadRequest } from './view-filters';

const SELECTIONS = ['conversationIds', 'viewId', 'filter'] as const;

/** Bulk actions on conversations: recorded and queued at once (202); progress by GET or the `bulk.progress` event. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api')
export class BulkController {
  constructor(private readonly bulk: BulkOperationsService, private readonly views: SavedViewsService) {}

  @Post('conversations/bulk')
  @HttpCode(202)
  @ApiBody({ description: '{conversationIds: string[] (≤ 1000)} | {viewId} | {filter}, and action (docs/CONTRACT.md)' })
  async start(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<BulkOperationDto> {
    const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const given = SELECTIONS.filter((key) => b[key] !== undefined);
    if (given.length !== 1) throw new BadRequestException('Give exactly one of conversationIds, viewId or filter');
    const unknown = Object.keys(b).filter((key) => key !== 'action' && !(SELECTIONS as readonly string[]).includes(key));
    if (unknown.length) throw new BadRequestException(`Unknown fields: ${unknown.join(', ')}`);
    const action = validOrBadRequest(validateBulkAction(b.action));
    return this.bulk.start(await this.selection(b, user), action, user);
  }

  @Get('bulk-operations/:id')
  get(@Param('id', IdPipe) id: string, @CurrentUser() user: AuthUser): Promise<BulkOperationDto> {
    return this.bulk.get(id, { ...user, seesAll: hasRole(user.role, 'supervisor') });
  }

  private async selection(b: Record<string, unknown>, user: AuthUser): Promise<BulkSelection> {
    if (b.conversationIds !== undefined) {
      if (!Array.isArray(b.conversationIds)) throw new BadRequestException('conversationIds must be a list of conversation ids');
      return { conversationIds: b.conversationIds.map((id) => (typeof id === 'string' ? id.toLowerCase() : id)) as string[] };
    }
    if (b.viewId !== undefined) {
      const view = await this.views.get(new IdPipe().transform(b.viewId), user);
      if (view.kind !== 'conversations') throw new BadRequestException('Bulk actions apply to a view of conversations');
      return { filter: conversationQueryFor(view.filters, user.id) };
    }
    return { filter: conversationQueryFor(validOrBadRequest(validateConversationFilter(b.filter)), user.id) };
  }
}
