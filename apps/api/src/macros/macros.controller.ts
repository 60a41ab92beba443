import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { Response } from 'express';
import { CANNED_SCOPES, type CannedScope, type MacroAction, type MacroDto, type MacroPreviewDto, type MacroRunDto, type MacroRunResultDto, type MacroUndoResultDto } from '@parley/contracts';
import { ConversationsService } from '@parley/conversations';
import { MACRO_PREVIEW_MAX, MacroRunsService, MacrosService } from '@parley/macros';
import { SavedViewsService } from '@parley/views';
import { AuthUser, CurrentUser } from '../auth/auth.decorators';
import { IsStorableText } from '../auth/text-fields';
import { IdPipe } from '../http/id.pipe';
import { Omittable } from '../http/omittable.decorator';
import { bodyObject, checkSelectionFields, selectionOf } from '../views/bulk-selection';

// Lengths here only stop oversized bodies; the macro rules (libs/domain/src/macros) say what is valid.
class CreateMacroBody {
  @ApiProperty({ example: 'Возврат: запросить номер заказа' }) @IsStorableText() @MaxLength(400) name: string;
  @ApiPropertyOptional({ enum: CANNED_SCOPES, default: 'personal' }) @Omittable() @IsIn(CANNED_SCOPES as CannedScope[]) scope?: CannedScope;
  @ApiPropertyOptional({ description: 'team scope: the team' }) @ValidateIf((_, v) => v !== undefined && v !== null) @IsString() @MaxLength(100) teamId?: string | null;
  @ApiProperty({ description: 'ordered actions (docs/CONTRACT.md, "Macros")' }) @IsArray() @ArrayMaxSize(50) actions: MacroAction[];
}

class UpdateMacroBody {
  @ApiPropertyOptional() @Omittable() @IsStorableText() @MaxLength(400) name?: string;
  @ApiPropertyOptional({ enum: CANNED_SCOPES }) @Omittable() @IsIn(CANNED_SCOPES as CannedScope[]) scope?: CannedScope;
  @ApiPropertyOptional() @ValidateIf((_, v) => v !== undefined && v !== null) @IsString() @MaxLength(100) teamId?: string | null;
  @ApiPropertyOptional() @Omittable() @IsArray() @ArrayMaxSize(50) actions?: MacroAction[];
}

/**
 * Macros: any signed-in user lists and runs what they may use and writes their own personal ones
 * (the service decides, 403 otherwise). A run on one conversation answers once applied (200); on a
 * selection it is a bulk operation (202), its progress the `bulk.progress` event.
 */
@ApiTags('macros')
@ApiBearerAuth()
@Controller('api/macros')
export class MacrosController {
  constructor(
    private readonly macros: MacrosService,
    private readonly runs: MacroRunsService,
    private readonly views: SavedViewsService,
    private readonly conversations: ConversationsService,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<MacroDto[]> {
    return this.macros.list(user);
  }

  @Get('runs/last')
  lastRun(@CurrentUser() user: AuthUser): Promise<MacroRunDto> {
    return this.runs.last(user);
  }

  @Post('runs/last/undo')
  @HttpCode(200)
  undo(@CurrentUser() user: AuthUser): Promise<MacroUndoResultDto> {
    return this.runs.undoLast(user);
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: string, @CurrentUser() user: AuthUser): Promise<MacroDto> {
    return this.macros.get(user, id);
  }

  @Post()
  create(@Body() body: CreateMacroBody, @CurrentUser() user: AuthUser): Promise<MacroDto> {
    return this.macros.create(user, body);
  }

  @Patch(':id')
  update(@Param('id', IdPipe) id: string, @Body() body: UpdateMacroBody, @CurrentUser() user: AuthUser): Promise<MacroDto> {
    return this.macros.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', IdPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.macros.remove(user, id);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @ApiBody({ description: `{conversationIds: string[] (≤ ${MACRO_PREVIEW_MAX})} | {viewId} | {filter}: the first ${MACRO_PREVIEW_MAX} of a view are previewed` })
  async preview(@Param('id', IdPipe) id: string, @Body() body: unknown, @CurrentUser() user: AuthUser): Promise<MacroPreviewDto> {
    const b = bodyObject(body);
    checkSelectionFields(b, []);
    const selection = await selectionOf(b, user, this.views);
    if ('conversationIds' in selection) return this.runs.preview(user, id, selection.conversationIds);
    const [page, total] = await Promise.all([this.conversations.list({ ...selection.filter, limit: MACRO_PREVIEW_MAX }), this.conversations.count(selection.filter)]);
    if (!page.items.length) throw new BadRequestException('No conversation matches this selection');
    return this.runs.preview(user, id, page.items.map((c) => c.id), total);
  }

  @Post(':id/run')
  @ApiBody({ description: '{conversationId} (applied now, 200) | {conversationIds: string[] (≤ 1000)} | {viewId} | {filter} (in the background, 202)' })
  async run(@Param('id', IdPipe) id: string, @Body() body: unknown, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<MacroRunResultDto> {
    const b = bodyObject(body);
    if (b.conversationId !== undefined) {
      const unknown = Object.keys(b).filter((key) => key !== 'conversationId');
      if (unknown.length) throw new BadRequestException('Give conversationId alone, or one of conversationIds, viewId or filter');
      res.status(200);
      return this.runs.runOne(user, id, new IdPipe().transform(b.conversationId));
    }
    checkSelectionFields(b, []);
    res.status(202);
    return this.runs.runBulk(user, id, await selectionOf(b, user, this.views));
  }
}
