import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { Omittable } from '../http/omittable.decorator';
import type { AgentDto, RoutingStrategy, TeamDto } from '@parley/contracts';
import { ROUTING_STRATEGIES } from '@parley/contracts';
import { RoutingCandidatesService, TeamsService } from '@parley/routing';
import { SlaService } from '@parley/sla';
import { RequireRole } from '../auth/auth.decorators';
import { IdPipe } from '../http/id.pipe';

class TeamBody {
  @ApiPropertyOptional() @Omittable() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: ROUTING_STRATEGIES }) @Omittable() @IsIn(ROUTING_STRATEGIES as RoutingStrategy[]) strategy?: RoutingStrategy;
  @ApiPropertyOptional() @Omittable() @IsBoolean() sticky?: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() overflowTeamId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(525_600) overflowAfterMinutes?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() slaPolicyId?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'user id of the team lead' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() leadId?: string | null;
  @ApiPropertyOptional({ type: [String] }) @Omittable() @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) memberIds?: string[];
}

class MemberBody {
  @ApiProperty() @IsString() agentId: string;
}

class AgentBody {
  @ApiPropertyOptional({ description: 'capacity in channel-weight points' }) @Omittable() @IsInt() @Min(0) @Max(10_000) capacity?: number;
  @ApiPropertyOptional({ type: [String], example: ['lang:ru', 'channel:email', 'tag:billing'] })
  @Omittable() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(60, { each: true }) skills?: string[];
}

@ApiTags('teams')
@ApiBearerAuth()
@Controller('api')
export class TeamsController {
  constructor(private readonly teams: TeamsService, private readonly sla: SlaService, private readonly candidates: RoutingCandidatesService) {}

  @Get('teams')
  list(): Promise<TeamDto[]> {
    return this.teams.list();
  }

  @Get('teams/:id')
  get(@Param('id', IdPipe) id: string): Promise<TeamDto> {
    return this.teams.get(id);
  }

  @RequireRole('supervisor')
  @Post('teams')
  create(@Body() body: TeamBody): Promise<TeamDto> {
    return this.teams.create(body);
  }

  @RequireRole('supervisor')
  @Patch('teams/:id')
  async update(@Param('id', IdPipe) id: string, @Body() body: TeamBody): Promise<TeamDto> {
    const before = await this.teams.get(id);
    const team = await this.teams.update(id, body);
    this.candidates.forgetCandidates();
    if (before.slaPolicyId !== team.slaPolicyId) await this.sla.recomputeForTeam(id);
    return team;
  }

  @RequireRole('supervisor')
  @Delete('teams/:id')
  @HttpCode(204)
  remove(@Param('id', IdPipe) id: string): Promise<void> {
    return this.teams.remove(id);
  }

  @RequireRole('supervisor')
  @Post('teams/:id/members')
  addMember(@Param('id', IdPipe) id: string, @Body() body: MemberBody): Promise<TeamDto> {
    this.candidates.forgetCandidates();
    return this.teams.addMember(id, new IdPipe().transform(body.agentId));
  }

  @RequireRole('supervisor')
  @Delete('teams/:id/members/:agentId')
  removeMember(@Param('id', IdPipe) id: string, @Param('agentId', IdPipe) agentId: string): Promise<TeamDto> {
    this.candidates.forgetCandidates();
    return this.teams.removeMember(id, agentId);
  }

  /** Every user with presence, capacity, load, skills and teams. */
  @Get('agents')
  agents(): Promise<AgentDto[]> {
    return this.teams.agents();
  }

  @RequireRole('supervisor')
  @Patch('agents/:id')
  updateAgent(@Param('id', IdPipe) id: string, @Body() body: AgentBody): Promise<AgentDto> {
    this.candidates.forgetCandidates();
    return this.teams.updateAgent(id, body);
  }
}
