import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { Omittable } from '../http/omittable.decorator';
import type { ConversationDto, RoutingRuleDto, RoutingSettingsDto } from '@parley/contracts';
import { ConversationTransferService, RouteResult, RoutingDecisionService, RoutingRulesService, RoutingSettingsService } from '@parley/routing';
import { XlaService } from '@parley/sla';
import { AuthUser, CurrentUser, RequireRole } from '../auth/auth.decorators';
import { IdPipe } from '../http/id.pipe';

class SettingsBody {
  @ApiProperty({ example: { webchat: 2, email: 1 } }) @IsObject() channelWeights: Record<string, number>;
}

class RuleBody {
  @ApiProperty() @IsString() teamId: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() inboxId?: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'ru' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(10) language?: string | null;
  @ApiPropertyOptional({ type: [String] }) @Omittable() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(100, { each: true }) keywords?: string[];
  @ApiPropertyOptional() @Omittable() @IsInt() @Min(0) @Max(1_000_000) position?: number;
}

class RuleUpdateBody {
  @ApiPropertyOptional() @Omittable() @IsString() teamId?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() inboxId?: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'ru' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(10) language?: string | null;
  @ApiPropertyOptional({ type: [String] }) @Omittable() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(100, { each: true }) keywords?: string[];
  @ApiPropertyOptional() @Omittable() @IsInt() @Min(0) @Max(1_000_000) position?: number;
}

class TransferBody {
  @ApiPropertyOptional() @Omittable() @IsString() teamId?: string;
  @ApiPropertyOptional() @Omittable() @IsString() agentId?: string;
  @ApiProperty({ description: 'internal note for the next agent' }) @IsString() @MinLength(1) @MaxLength(5000) note: string;
}

const toRuleDto = (r: RoutingRuleDto): RoutingRuleDto => ({ id: r.id, position: r.position, teamId: r.teamId, inboxId: r.inboxId, language: r.language, keywords: r.keywords });

@ApiTags('routing')
@ApiBearerAuth()
@Controller('api')
export class RoutingController {
  constructor(
    private readonly decision: RoutingDecisionService,
    private readonly routingRules: RoutingRulesService,
    private readonly transfers: ConversationTransferService,
    private readonly settings: RoutingSettingsService,
    private readonly xla: XlaService,
  ) {}

  @Get('routing/settings')
  getSettings(): Promise<RoutingSettingsDto> {
    return this.settings.get();
  }

  @RequireRole('admin')
  @Put('routing/settings')
  putSettings(@Body() body: SettingsBody): Promise<RoutingSettingsDto> {
    return this.settings.update(body);
  }

  @Get('routing/rules')
  async rules(): Promise<RoutingRuleDto[]> {
    return (await this.routingRules.rules()).map(toRuleDto);
  }

  @RequireRole('supervisor')
  @Post('routing/rules')
  async addRule(@Body() body: RuleBody): Promise<RoutingRuleDto> {
    const idPipe = new IdPipe();
    return toRuleDto(await this.routingRules.addRule({ ...body, teamId: idPipe.transform(body.teamId), inboxId: body.inboxId ? idPipe.transform(body.inboxId) : null }));
  }

  @RequireRole('supervisor')
  @Patch('routing/rules/:id')
  async updateRule(@Param('id', IdPipe) id: string, @Body() body: RuleUpdateBody): Promise<RoutingRuleDto> {
    const idPipe = new IdPipe();
    return toRuleDto(await this.routingRules.updateRule(id, {
      ...body,
      teamId: body.teamId !== undefined ? idPipe.transform(body.teamId) : undefined,
      inboxId: body.inboxId ? idPipe.transform(body.inboxId) : body.inboxId,
    }));
  }

  @RequireRole('supervisor')
  @Delete('routing/rules/:id')
  @HttpCode(204)
  removeRule(@Param('id', IdPipe) id: string): Promise<void> {
    return this.routingRules.removeRule(id);
  }

  /** Routes a waiting conversation now (normally the follow-up job does it after each message). */
  @RequireRole('supervisor')
  @Post('routing/conversations/:id/route')
  @HttpCode(200)
  route(@Param('id', IdPipe) id: string): Promise<RouteResult> {
    return this.decision.route(id);
  }

  /** Manual transfer to a team's queue or to an agent (capacity holds), with a note for them. */
  @Post('conversations/:id/transfer')
  @HttpCode(200)
  async transfer(@Param('id', IdPipe) id: string, @Body() body: TransferBody, @CurrentUser() user: AuthUser): Promise<ConversationDto> {
    const idPipe = new IdPipe();
    const { conversation, transfers } = await this.transfers.transfer(id, {
      teamId: body.teamId ? idPipe.transform(body.teamId) : undefined,
      agentId: body.agentId ? idPipe.transform(body.agentId) : undefined,
      note: body.note,
    }, user);
    await this.xla.onTransfer(id, transfers);
    return conversation;
  }
}
