import { BadRequestException, Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsString, Max, MaxLength, Min } from 'class-validator';
import { Omittable } from '../http/omittable.decorator';
import type { SurveyDefaultTextsDto, SurveyDto, SurveyRecoveryDto, SurveySettingsDto, SurveyTextsDto, SurveyType } from '@parley/contracts';
import { MAX_COMMENT_WINDOW_HOURS, REPORT_GROUP_BYS, surveyReportCsv, type ReportGroupBy, type SurveyReportRow } from '@parley/domain';
import { SurveyRecoveryService, SurveyReportService, SurveySettingsService } from '@parley/surveys';
import { AuthUser, CurrentUser, RequireRole } from '../auth/auth.decorators';

class SettingsBody {
  @ApiProperty({ enum: ['inbox', 'team'] }) @IsIn(['inbox', 'team']) scope: 'inbox' | 'team';
  @ApiProperty() @IsString() scopeId: string;
  @ApiPropertyOptional({ default: true }) @Omittable() @IsBoolean() enabled?: boolean;
  @ApiProperty({ enum: ['csat', 'nps', 'ces'] }) @IsIn(['csat', 'nps', 'ces']) type: SurveyType;
  @ApiPropertyOptional({ default: 0 }) @Omittable() @IsInt() @Min(0) @Max(10080) delayMinutes?: number;
  @ApiPropertyOptional({ default: 30 }) @Omittable() @IsInt() @Min(0) @Max(365) throttleDays?: number;
  @ApiPropertyOptional({ default: 24, description: 'A free-text reply within this many hours of the score is the "why?" comment' })
  @Omittable() @IsInt() @Min(1) @Max(MAX_COMMENT_WINDOW_HOURS) commentWindowHours?: number;
  @ApiPropertyOptional({
    description: 'Per language (ru, en): question, why, thanks, reask, unsubscribed; empty means the default. Placeholders: {name}, {min}, {max}',
    example: { ru: { question: 'Здравствуйте, {name}! Оцените нас от 1 до 5.' }, en: { why: 'Why?' } },
  })
  @Omittable() @IsObject() texts?: { ru?: SurveyTextsDto; en?: SurveyTextsDto };
}

class SurveysQuery {
  @ApiPropertyOptional() @Omittable() @IsString() conversationId?: string;
  @ApiPropertyOptional() @Omittable() @IsString() customerId?: string;
  @ApiPropertyOptional({ default: 50 }) @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

class ReportQuery {
  @ApiPropertyOptional({ description: 'ISO date; default 30 days ago' }) @Omittable() @IsString() from?: string;
  @ApiPropertyOptional({ description: 'ISO date; default now' }) @Omittable() @IsString() to?: string;
  @ApiPropertyOptional({ enum: REPORT_GROUP_BYS, default: 'team' }) @Omittable() @IsIn(REPORT_GROUP_BYS as ReportGroupBy[]) groupBy?: ReportGroupBy;
  @ApiPropertyOptional({ enum: ['day', 'week', 'month'], default: 'week' }) @Omittable() @IsIn(['day', 'week', 'month']) bucket?: 'day' | 'week' | 'month';
}

function reportRange(q: ReportQuery) {
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) throw new BadRequestException('from and to must be ISO dates, from before to');
  return { from, to, groupBy: q.groupBy ?? 'team', bucket: q.bucket ?? 'week' } as const;
}

class RecoveriesQuery {
  @ApiPropertyOptional({ enum: ['open', 'done'] }) @Omittable() @IsIn(['open', 'done']) status?: 'open' | 'done';
  @ApiPropertyOptional({ default: 50 }) @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

class RecoveryOutcomeBody {
  @ApiProperty({ example: 'Called back, sent a replacement' }) @IsString() @MaxLength(4000) outcome: string;
}

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('api/surveys')
export class SurveysController {
  constructor(
    private readonly surveySettings: SurveySettingsService,
    private readonly reports: SurveyReportService,
    private readonly recovery: SurveyRecoveryService,
  ) {}

  @Get()
  list(@Query() q: SurveysQuery): Promise<SurveyDto[]> {
    return this.reports.list(q);
  }

  @Get('settings')
  settings(): Promise<SurveySettingsDto[]> {
    return this.surveySettings.listSettings();
  }

  /** The texts sent where a setting leaves one empty, per type and language. */
  @Get('settings/defaults')
  defaults(): SurveyDefaultTextsDto {
    return this.surveySettings.defaultTexts();
  }

  /** Removes an inbox's or team's survey: a team falls back to its inbox's, an inbox sends none. */
  @Delete('settings/:scope/:scopeId')
  @HttpCode(204)
  @RequireRole('admin')
  async remove(@Param('scope') scope: string, @Param('scopeId') scopeId: string): Promise<void> {
    if (scope !== 'inbox' && scope !== 'team') throw new BadRequestException('scope must be inbox or team');
    await this.surveySettings.deleteSettings(scope, scopeId);
  }

  /** CSAT / NPS / CES over time by team, agent or channel, with response rate and operational figures. */
  @Get('report')
  @RequireRole('supervisor')
  report(@Query() q: ReportQuery): Promise<{ rows: SurveyReportRow[]; groupNames: Record<string, string> }> {
    return this.reports.report(reportRange(q));
  }

  @Get('report.csv')
  @RequireRole('supervisor')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="survey-report.csv"')
  async reportCsv(@Query() q: ReportQuery): Promise<string> {
    const { rows, groupNames } = await this.reports.report(reportRange(q));
    return surveyReportCsv(rows, new Map(Object.entries(groupNames)));
  }

  /** Detractor recovery tasks, newest first. */
  @Get('recoveries')
  @RequireRole('supervisor')
  recoveries(@Query() q: RecoveriesQuery): Promise<SurveyRecoveryDto[]> {
    return this.recovery.recoveries(q);
  }

  @Post('recoveries/:surveyId/outcome')
  @HttpCode(200)
  @RequireRole('supervisor')
  complete(@Param('surveyId') surveyId: string, @Body() body: RecoveryOutcomeBody, @CurrentUser() user: AuthUser): Promise<SurveyRecoveryDto> {
    return this.recovery.completeRecovery(surveyId, body.outcome, user);
  }

  /** One inbox's or team's survey: created or replaced. */
  @Put('settings')
  @RequireRole('admin')
  save(@Body() body: SettingsBody): Promise<SurveySettingsDto> {
    return this.surveySettings.saveSettings({
      scope: body.scope, scopeId: body.scopeId, enabled: body.enabled ?? true, type: body.type, delayMinutes: body.delayMinutes ?? 0,
      throttleDays: body.throttleDays ?? 30, commentWindowHours: body.commentWindowHours, texts: body.texts ?? {},
    });
  }
}
