import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Max, Min } from 'class-validator';
import type { SurveyDto, SurveySettingsDto, SurveyTextsDto, SurveyType } from '@parley/contracts';
import { SurveysService } from '@parley/surveys';
import { RequireRole } from '../auth/auth.decorators';

class SettingsBody {
  @ApiProperty({ enum: ['inbox', 'team'] }) @IsIn(['inbox', 'team']) scope: 'inbox' | 'team';
  @ApiProperty() @IsString() scopeId: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiProperty({ enum: ['csat', 'nps', 'ces'] }) @IsIn(['csat', 'nps', 'ces']) type: SurveyType;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(10080) delayMinutes?: number;
  @ApiPropertyOptional({ default: 30 }) @IsOptional() @IsInt() @Min(0) @Max(365) throttleDays?: number;
  @ApiPropertyOptional({ example: { ru: { question: 'Здравствуйте, {name}! Оцените нас от 1 до 5.' }, en: { why: 'Why?' } } })
  @IsOptional() @IsObject() texts?: { ru?: SurveyTextsDto; en?: SurveyTextsDto };
}

class SurveysQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() conversationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() customerId?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('api/surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get()
  list(@Query() q: SurveysQuery): Promise<SurveyDto[]> {
    return this.surveys.list(q);
  }

  @Get('settings')
  settings(): Promise<SurveySettingsDto[]> {
    return this.surveys.listSettings();
  }

  /** One inbox's or team's survey: created or replaced. */
  @Put('settings')
  @RequireRole('admin')
  save(@Body() body: SettingsBody): Promise<SurveySettingsDto> {
    return this.surveys.saveSettings({
      scope: body.scope, scopeId: body.scopeId, enabled: body.enabled ?? true, type: body.type, delayMinutes: body.delayMinutes ?? 0,
      throttleDays: body.throttleDays ?? 30, texts: body.texts ?? {},
    });
  }
}
