import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsObject, IsString, MaxLength, MinLength } from 'class-validator';
import { Omittable } from '../http/omittable.decorator';
import type { Channel, InboxDto } from '@parley/contracts';
import { CHANNELS } from '@parley/contracts';
import { RequireRole } from '../auth/auth.decorators';
import { IdPipe } from '../http/id.pipe';
import { InboxesService } from './inboxes.service';


class CreateInboxBody {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel: Channel;
  @ApiPropertyOptional() @Omittable() @IsObject() config?: Record<string, unknown>;
}

class UpdateInboxBody {
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @Omittable() @IsObject() config?: Record<string, unknown>;
}

@ApiTags('inboxes')
@ApiBearerAuth()
@Controller('api/inboxes')
export class InboxesController {
  constructor(private readonly inboxes: InboxesService) {}

  @Get()
  list(): Promise<InboxDto[]> {
    return this.inboxes.list();
  }

  @RequireRole('admin')
  @Post()
  create(@Body() body: CreateInboxBody): Promise<InboxDto> {
    return this.inboxes.create(body.name, body.channel, body.config ?? {});
  }

  @RequireRole('admin')
  @Get(':id/identity-secret')
  identitySecret(@Param('id', IdPipe) id: string): Promise<{ identitySecret: string }> {
    return this.inboxes.identitySecret(id, false);
  }

  @RequireRole('admin')
  @Post(':id/identity-secret/rotate')
  rotateIdentitySecret(@Param('id', IdPipe) id: string): Promise<{ identitySecret: string }> {
    return this.inboxes.identitySecret(id, true);
  }

  @RequireRole('admin')
  @Patch(':id')
  update(@Param('id', IdPipe) id: string, @Body() body: UpdateInboxBody): Promise<InboxDto> {
    return this.inboxes.update(id, body);
  }
}
