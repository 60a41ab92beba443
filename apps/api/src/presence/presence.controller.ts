import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { AgentDto, AgentStatus } from '@parley/contracts';
import { AGENT_STATUSES } from '@parley/contracts';
import { PresenceService, RoutingCandidatesService, RoutingDecisionService } from '@parley/routing';
import { AuthUser, CurrentUser, RequireRole } from '../auth/auth.decorators';
import { IdPipe } from '../http/id.pipe';

class PresenceBody {
  @ApiProperty({ enum: AGENT_STATUSES }) @IsIn(AGENT_STATUSES as AgentStatus[]) status: AgentStatus;
}

@ApiTags('presence')
@ApiBearerAuth()
@Controller('api')
export class PresenceController {
  constructor(
    private readonly presence: PresenceService,
    private readonly candidates: RoutingCandidatesService,
    private readonly decision: RoutingDecisionService,
  ) {}

  /** The agent's own status; going online pulls waiting conversations of their teams at once. */
  @Put('presence')
  async set(@Body() body: PresenceBody, @CurrentUser() user: AuthUser): Promise<AgentDto> {
    return this.apply(user.id, body.status);
  }

  @RequireRole('supervisor')
  @Put('agents/:id/presence')
  setFor(@Param('id', IdPipe) id: string, @Body() body: PresenceBody): Promise<AgentDto> {
    return this.apply(id, body.status);
  }

  private async apply(agentId: string, status: AgentStatus): Promise<AgentDto> {
    const agent = await this.presence.setStatus(agentId, status);
    this.candidates.forgetCandidates();
    if (status === 'online') await this.decision.assignNextFor(agentId);
    return agent;
  }
}
