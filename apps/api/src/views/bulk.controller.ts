import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { BulkOperationDto } from '@parley/contracts';
import { BulkOperationsService } from '@parley/conversations';
import { validateBulkAction } from '@parley/domain';
import { SavedViewsService } from '@parley/views';
import { AuthUser, CurrentUser } from '../auth/auth.decorators';
import { hasRole } from '../auth/roles';
import { IdPipe } from '../http/id.pipe';
import { bodyObject, checkSelectionFields, selectionOf } from './bulk-selection';
import { validOrBadRequest } from './view-filters';

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
    const b = bodyObject(body);
    checkSelectionFields(b, ['action']);
    const action = validOrBadRequest(validateBulkAction(b.action));
    return this.bulk.start(await selectionOf(b, user, this.views), action, user);
  }

  @Get('bulk-operations/:id')
  get(@Param('id', IdPipe) id: string, @CurrentUser() user: AuthUser): Promise<BulkOperationDto> {
    return this.bulk.get(id, { ...user, seesAll: hasRole(user.role, 'supervisor') });
  }
}
