import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsString, Max, MaxLength, Min } from 'class-validator';
import type { CollaboratorDto, NotificationDto, NotificationSettingsDto, NotificationType, Page, UnreadCountDto } from '@parley/contracts';
import { CollaboratorsService, NotificationCentreService } from '@parley/notifications';
import { AuthUser, CurrentUser } from '../auth/auth.decorators';
import { IdPipe } from '../http/id.pipe';
import { Omittable } from '../http/omittable.decorator';

class ListQuery {
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 100 }) @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

class SettingsBody {
  @ApiPropertyOptional({ description: 'event → on/off: assigned, message, mention, sla_warning, sla_breach, detractor' })
  @Omittable() @IsObject() events?: Partial<Record<NotificationType, boolean>>;
  @ApiPropertyOptional({ enum: ['none', 'chime'] }) @Omittable() @IsIn(['none', 'chime']) sound?: 'none' | 'chime';
  @ApiPropertyOptional() @Omittable() @IsBoolean() browser?: boolean;
}

class FollowBody {
  @ApiPropertyOptional({ description: 'the agent to add; default: me' }) @Omittable() @IsString() @MaxLength(100) userId?: string;
}

/** The signed-in agent's notification centre: only their own notifications, ever. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly centre: NotificationCentreService) {}

  @Get()
  list(@Query() q: ListQuery, @CurrentUser() user: AuthUser): Promise<Page<NotificationDto>> {
    return this.centre.list(user.id, q.cursor, q.limit);
  }

  @Get('unread-count')
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return { count: await this.centre.unreadCount(user.id) };
  }

  @Get('settings')
  settings(@CurrentUser() user: AuthUser): Promise<NotificationSettingsDto> {
    return this.centre.settings(user.id);
  }

  @Put('settings')
  saveSettings(@Body() body: SettingsBody, @CurrentUser() user: AuthUser): Promise<NotificationSettingsDto> {
    return this.centre.saveSettings(user.id, body);
  }

  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentUser() user: AuthUser): Promise<{ unread: number }> {
    return this.centre.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@Param('id', IdPipe) id: string, @CurrentUser() user: AuthUser): Promise<NotificationDto> {
    return this.centre.markRead(user.id, id);
  }
}

/** Who follows a conversation besides its assignee; any agent may follow or add a colleague. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations/:id/collaborators')
export class CollaboratorsController {
  constructor(private readonly collaborators: CollaboratorsService) {}

  @Get()
  list(@Param('id', IdPipe) id: string): Promise<CollaboratorDto[]> {
    return this.collaborators.list(id);
  }

  @Post()
  @HttpCode(200)
  add(@Param('id', IdPipe) id: string, @Body() body: FollowBody, @CurrentUser() user: AuthUser): Promise<CollaboratorDto[]> {
    return this.collaborators.add(id, new IdPipe().transform(body.userId ?? user.id), user.id, 'manual');
  }

  @Delete(':userId')
  @HttpCode(204)
  remove(@Param('id', IdPipe) id: string, @Param('userId', IdPipe) userId: string): Promise<void> {
    return this.collaborators.remove(id, userId);
  }
}

export const NOTIFICATION_CONTROLLERS = [NotificationsController, CollaboratorsController];
