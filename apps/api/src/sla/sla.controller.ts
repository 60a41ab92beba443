import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Omittable } from '../http/omittable.decorator';
import type {
  BusinessCalendarDto, ConversationDto, ConversationSlaDto, EscalationAction, Priority, SlaPolicyDto, SlaTargets, SupervisorQueueDto, WeeklyInterval, XlaPolicyDto,
} from '@parley/contracts';
import { isId, SURVEY_SCALES } from '@parley/domain';
import { ConversationsService } from '@parley/conversations';
import { SlaPoliciesService, SlaService, SupervisorService, toCalendarDto, toPolicyDto, XlaService } from '@parley/sla';
import { AuthUser, CurrentUser, RequireRole } from '../auth/auth.decorators';
import { IdPipe } from '../http/id.pipe';

class CalendarBody {
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: 'Europe/Berlin' }) @Omittable() @IsString() @MaxLength(64) timeZone?: string;
  @ApiPropertyOptional({ example: [{ day: 1, start: '09:00', end: '18:00' }] }) @Omittable() @IsArray() hours?: WeeklyInterval[];
  @ApiPropertyOptional({ example: ['2026-12-25'] }) @Omittable() @IsArray() @IsString({ each: true }) holidays?: string[];
}

class PolicyBody {
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() calendarId?: string | null;
  @ApiPropertyOptional({ example: { normal: { firstResponseSeconds: 3600, nextResponseSeconds: 7200, resolutionSeconds: 86400 } } })
  @Omittable() @IsObject() targets?: Partial<Record<Priority, Partial<SlaTargets>>>;
  @ApiPropertyOptional({ example: 80 }) @Omittable() @IsInt() @Min(1) @Max(99) warnAtPercent?: number;
  @ApiPropertyOptional({ example: { warning: ['notify_supervisors'], breach: ['notify_supervisors', 'raise_priority'] } })
  @Omittable() @IsObject() escalation?: { warning?: EscalationAction[]; breach?: EscalationAction[] };
  @ApiPropertyOptional() @Omittable() @IsBoolean() isDefault?: boolean;
}

class XlaBody {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() teamId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(525_600) negativeReplyMinutes?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(1000) maxTransfers?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(3650) repeatContactDays?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(100) csatTargetPercent?: number | null;
}

class CsatBody {
  @ApiProperty() @IsString() conversationId: string;
  @ApiProperty() @IsBoolean() satisfied: boolean;
  @ApiPropertyOptional({ minimum: SURVEY_SCALES.csat.min, maximum: SURVEY_SCALES.csat.max }) @Omittable() @IsInt() @Min(SURVEY_SCALES.csat.min) @Max(SURVEY_SCALES.csat.max) score?: number;
}

class DueQuery {
  @ApiPropertyOptional({ description: 'a user id, `me` or `none`' }) @Omittable() @IsString() assigneeId?: string;
  @ApiPropertyOptional() @Omittable() @IsString() teamId?: string;
  @ApiPropertyOptional({ description: 'only timers past their warning share' }) @Omittable() @IsString() atRisk?: string;
  @ApiPropertyOptional({ default: 50 }) @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

const ids = (csv: string | undefined): string[] => {
  const list = (csv ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length > 200) throw new BadRequestException('At most 200 ids');
  for (const id of list) if (!isId(id)) throw new BadRequestException(`Malformed id: ${String(id).slice(0, 60)}`);
  return list;
};

@ApiTags('sla')
@ApiBearerAuth()
@Controller('api')
export class SlaController {
  constructor(
    private readonly policies: SlaPoliciesService,
    private readonly sla: SlaService,
    private readonly xla: XlaService,
    private readonly supervisor: SupervisorService,
    private readonly conversations: ConversationsService,
  ) {}

  @Get('sla/calendars')
  calendars(): Promise<BusinessCalendarDto[]> {
    return this.policies.calendars();
  }

  @RequireRole('supervisor')
  @Post('sla/calendars')
  async createCalendar(@Body() body: CalendarBody): Promise<BusinessCalendarDto> {
    return toCalendarDto(await this.policies.saveCalendar(null, body));
  }

  @RequireRole('supervisor')
  @Patch('sla/calendars/:id')
  async updateCalendar(@Param('id', IdPipe) id: string, @Body() body: CalendarBody): Promise<BusinessCalendarDto> {
    const calendar = await this.policies.saveCalendar(id, body);
    const using = (await this.policies.policies()).filter((p) => p.calendarId === id).map((p) => p.id);
    await this.sla.recomputeForPolicies(using);
    return toCalendarDto(calendar);
  }

  @RequireRole('supervisor')
  @Delete('sla/calendars/:id')
  @HttpCode(204)
  removeCalendar(@Param('id', IdPipe) id: string): Promise<void> {
    return this.policies.removeCalendar(id);
  }

  @Get('sla/policies')
  list(): Promise<SlaPolicyDto[]> {
    return this.policies.policies();
  }

  @RequireRole('supervisor')
  @Post('sla/policies')
  async createPolicy(@Body() body: PolicyBody): Promise<SlaPolicyDto> {
    return toPolicyDto(await this.policies.savePolicy(null, body));
  }

  @RequireRole('supervisor')
  @Patch('sla/policies/:id')
  async updatePolicy(@Param('id', IdPipe) id: string, @Body() body: PolicyBody): Promise<SlaPolicyDto> {
    const policy = await this.policies.savePolicy(id, body);
    await this.sla.recomputeForPolicies([id]);
    return toPolicyDto(policy);
  }

  @RequireRole('supervisor')
  @Delete('sla/policies/:id')
  @HttpCode(204)
  async removePolicy(@Param('id', IdPipe) id: string): Promise<void> {
    await this.policies.removePolicy(id);
    // Its conversations fall back to the default policy (or to none): their clocks follow.
    await this.sla.recomputeForPolicies([id]);
  }

  /** SLA state of the given conversations (the console's countdowns). */
  @Get('sla/conversations')
  states(@Query('ids') csv?: string): Promise<ConversationSlaDto[]> {
    return this.sla.states(ids(csv));
  }

  @Get('sla/conversations/:id')
  state(@Param('id', IdPipe) id: string): Promise<ConversationSlaDto> {
    return this.sla.state(id);
  }

  /** Conversations by due time, soonest first; `assigneeId=me&atRisk=true` is "my SLA at risk". */
  @Get('sla/queue')
  async due(@Query() q: DueQuery, @CurrentUser() user: AuthUser): Promise<{ items: { conversation: ConversationDto; sla: ConversationSlaDto }[] }> {
    const assigneeId = q.assigneeId === 'me' ? user.id : q.assigneeId === 'none' ? null : q.assigneeId && new IdPipe().transform(q.assigneeId);
    const order = await this.supervisor.dueOrder({
      assigneeId: assigneeId ?? undefined,
      teamId: q.teamId ? new IdPipe().transform(q.teamId) : undefined,
      atRisk: q.atRisk === 'true' || q.atRisk === '1',
      limit: q.limit ?? 50,
    });
    const states = await this.sla.states(order);
    const items = await Promise.all(order.map(async (id, i) => ({ conversation: await this.conversations.get(id), sla: states[i] })));
    return { items };
  }

  @RequireRole('supervisor')
  @Get('supervisor/queue')
  queue(): Promise<SupervisorQueueDto> {
    return this.supervisor.queue();
  }

  @Get('xla/policies')
  xlaPolicies(): Promise<XlaPolicyDto[]> {
    return this.xla.policies();
  }

  @RequireRole('supervisor')
  @Put('xla/policies')
  saveXla(@Body() body: XlaBody): Promise<XlaPolicyDto> {
    return this.xla.savePolicy({ ...body, teamId: body.teamId ? new IdPipe().transform(body.teamId) : null });
  }

  @RequireRole('supervisor')
  @Delete('xla/policies/:id')
  @HttpCode(204)
  removeXla(@Param('id', IdPipe) id: string): Promise<void> {
    return this.xla.removePolicy(id);
  }

  /** The CSAT hook (the surveys capability calls XlaService.recordCsat in-process; this is the same over HTTP). */
  @RequireRole('admin')
  @Post('xla/csat')
  csat(@Body() body: CsatBody) {
    return this.xla.recordCsat({ conversationId: new IdPipe().transform(body.conversationId), satisfied: body.satisfied, score: body.score });
  }
}
