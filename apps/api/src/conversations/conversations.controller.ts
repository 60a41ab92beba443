import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { Omittable } from '../http/omittable.decorator';
import type { ConversationDto, ConversationStatus, MessageDto, Page } from '@parley/contracts';
import {
  CONVERSATION_STATUSES, isId, PRIORITIES_FOR_VIEWS, SENTIMENTS_FOR_VIEWS, SLA_STATES, validateConversationFilter, VIEW_CHANNELS,
} from '@parley/domain';
import { ConversationsService, OutboundService } from '@parley/conversations';
import { AuthUser, CurrentUser } from '../auth/auth.decorators';
import { LocalizedException } from '../http/error-messages';
import { IdPipe } from '../http/id.pipe';
import { ccList, emailReplyFields, MAX_CC } from './email-reply-fields';
import { validOrBadRequest } from '../views/view-filters';

class ListQuery {
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES }) @Omittable() @IsIn(CONVERSATION_STATUSES as ConversationStatus[]) status?: ConversationStatus;
  @ApiPropertyOptional() @Omittable() @IsString() inboxId?: string;
  @ApiPropertyOptional({ description: 'a user id, `me` or `none` (unassigned)' }) @Omittable() @IsString() assigneeId?: string;
  @ApiPropertyOptional() @Omittable() @IsString() teamId?: string;
  @ApiPropertyOptional({ type: [String], description: 'label ids, repeated or comma-separated: conversations carrying all of them' })
  @Omittable() @Transform(({ value }) => labelIds(value)) @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) label?: string[];
  @ApiPropertyOptional({ enum: ['me'], description: 'conversations I follow (mentioned in, or followed by hand)' }) @Omittable() @IsIn(['me']) following?: 'me';
  @ApiPropertyOptional({ enum: VIEW_CHANNELS }) @Omittable() @IsString() channel?: string;
  @ApiPropertyOptional({ enum: PRIORITIES_FOR_VIEWS }) @Omittable() @IsString() priority?: string;
  @ApiPropertyOptional({ description: 'label ids, comma-separated (as `label`): conversations carrying all of them' }) @Omittable() @IsString() @MaxLength(2000) labelIds?: string;
  @ApiPropertyOptional({ enum: SLA_STATES }) @Omittable() @IsString() slaState?: string;
  @ApiPropertyOptional({ enum: SENTIMENTS_FOR_VIEWS }) @Omittable() @IsString() sentiment?: string;
  @ApiPropertyOptional({ description: 'CSAT answer at least (1-5)' }) @Omittable() @Type(() => Number) @IsInt() csatMin?: number;
  @ApiPropertyOptional({ description: 'CSAT answer at most (1-5)' }) @Omittable() @Type(() => Number) @IsInt() csatMax?: number;
  @ApiPropertyOptional({ description: 'the customer wrote last and has waited longer than this' })
  @Omittable() @Type(() => Number) @IsInt() waitingLongerThanMinutes?: number;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 25 }) @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

class PageQuery {
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(200) before?: string;
  @ApiPropertyOptional({ default: 50 }) @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

class TemplateBody {
  @ApiProperty({ description: 'the template id in the inbox settings (WhatsApp: its ContentSid)' }) @IsString() @MaxLength(100) id: string;
  @ApiPropertyOptional({ description: 'template variables, e.g. {"1":"Ivan"}' }) @Omittable() @IsObject() variables?: Record<string, string>;
}

class ButtonBody {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(64) text: string;
  @ApiPropertyOptional({ description: 'callback data sent back when pressed' }) @Omittable() @IsString() @MaxLength(64) data?: string;
  @ApiPropertyOptional() @Omittable() @IsUrl({ require_tld: false }) url?: string;
}

class ReplyBody {
  @ApiProperty({ description: 'may be empty when attachmentIds are given' }) @IsString() @MaxLength(20000) content: string;
  @ApiPropertyOptional() @Omittable() @IsBoolean() private?: boolean;
  @ApiPropertyOptional({ description: 'send an approved template instead of free text (WhatsApp outside the 24-hour window)' })
  @Omittable() @ValidateNested() @Type(() => TemplateBody) template?: TemplateBody;
  @ApiPropertyOptional({ enum: ['HUMAN_AGENT'], description: "Messenger and Instagram: a person's answer outside the 24-hour window (within 7 days of the customer's last message)" })
  @Omittable() @IsIn(['HUMAN_AGENT']) messageTag?: 'HUMAN_AGENT';
  @ApiPropertyOptional({ type: [ButtonBody], description: 'quick-reply buttons (Telegram inline keyboard, Messenger and Instagram quick replies)' })
  @Omittable() @IsArray() @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => ButtonBody) buttons?: ButtonBody[];
  @ApiPropertyOptional({ description: 'ids from POST /api/attachments' })
  @Omittable() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) attachmentIds?: string[];
  @ApiPropertyOptional({ description: 'email only: the subject of this reply (default "Re: <subject>")' })
  @Omittable() @IsString() @MaxLength(300) subject?: string;
  @ApiPropertyOptional({ type: [String], description: 'email only: addresses to copy, a list or one comma-separated string' })
  @Omittable() @Transform(({ value }) => ccList(value)) @IsArray() @ArrayMaxSize(MAX_CC) @IsString({ each: true }) @MaxLength(320, { each: true }) cc?: string[];
}

class StatusBody {
  @ApiProperty({ enum: CONVERSATION_STATUSES }) @IsIn(CONVERSATION_STATUSES as ConversationStatus[]) status: ConversationStatus;
  @ApiPropertyOptional() @Omittable() @IsISO8601() snoozeUntil?: string;
}

class AssignmentBody {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() agentId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() teamId?: string | null;
}

/** `?label=a&label=b` or `?label=a,b`: one list either way. */
const labelIds = (value: unknown): unknown =>
  Array.isArray(value) || typeof value === 'string' ? [value].flat().flatMap((v) => (typeof v === 'string' ? v.split(',') : [v])).filter((v) => v !== '') : value;

const optionalId = (value: string | undefined, name: string): string | undefined => {
  if (value !== undefined && !isId(value)) throw new BadRequestException(`${name} is not a valid id`);
  return value;
};

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService, private readonly outbound: OutboundService) {}

  @Get()
  list(@Query() q: ListQuery, @CurrentUser() user: AuthUser): Promise<Page<ConversationDto>> {
    const assigneeId = q.assigneeId === 'me' ? user.id : q.assigneeId === 'none' ? null : optionalId(q.assigneeId, 'assigneeId');
    const { cursor, limit, assigneeId: _assignee, csatMin, csatMax, labelIds, label, following, ...conditions } = q;
    // `label` (repeatable) and `labelIds` (a view's comma list) mean the same: every one of them.
    const labels = [...(label ?? []), ...(labelIds !== undefined ? labelIds.split(',') : [])].map((id) => id.trim().toLowerCase()).filter(Boolean);
    const filter = validOrBadRequest(validateConversationFilter({
      ...conditions,
      ...(labels.length ? { labelIds: [...new Set(labels)] } : {}),
      ...(csatMin !== undefined || csatMax !== undefined ? { csat: { min: csatMin, max: csatMax } } : {}),
    }));
    return this.conversations.list({
      ...filter, ...(assigneeId !== undefined ? { assigneeId } : {}), ...(following === 'me' ? { followerId: user.id } : {}), cursor, limit: limit ?? 25,
    });
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: string): Promise<ConversationDto> {
    return this.conversations.get(id);
  }

  @Get(':id/messages')
  messages(@Param('id', IdPipe) id: string, @Query() q: PageQuery): Promise<Page<MessageDto>> {
    return this.conversations.messages(id, q.before, q.limit ?? 50);
  }

  @Post(':id/messages')
  async reply(@Param('id', IdPipe) id: string, @Body() body: ReplyBody, @CurrentUser() user: AuthUser): Promise<MessageDto> {
    // A pasted screenshot may go alone; a message with neither text nor a file says nothing.
    if (!body.content.trim() && !body.attachmentIds?.length) throw new LocalizedException(HttpStatus.BAD_REQUEST, 'reply_empty');
    const email = body.subject !== undefined || body.cc !== undefined ? emailReplyFields((await this.conversations.get(id)).channel, body) : {};
    const metadata = {
      ...(body.template ? { template: body.template } : {}),
      ...(body.buttons?.length ? { buttons: body.buttons } : {}),
      ...(body.messageTag && !body.private ? { messageTag: body.messageTag } : {}),
      ...(body.private ? {} : email),
    };
    return this.outbound.reply(id, user, body.content, body.private ?? false, Object.keys(metadata).length ? metadata : null, body.attachmentIds ?? []);
  }

  @Post(':id/status')
  @HttpCode(200)
  status(@Param('id', IdPipe) id: string, @Body() body: StatusBody, @CurrentUser() user: AuthUser): Promise<ConversationDto> {
    return this.conversations.setStatus(id, body.status, body.snoozeUntil, user);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  assign(@Param('id', IdPipe) id: string, @Body() body: AssignmentBody, @CurrentUser() user: AuthUser): Promise<ConversationDto> {
    if (body.agentId) optionalId(body.agentId, 'agentId');
    if (body.teamId) optionalId(body.teamId, 'teamId');
    return this.conversations.assign(id, body.agentId, body.teamId, user);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@Param('id', IdPipe) id: string): Promise<ConversationDto> {
    return this.conversations.markRead(id);
  }
}
