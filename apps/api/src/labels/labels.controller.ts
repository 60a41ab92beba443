import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateIf } from 'class-validator';
import type { ConversationDto, LabelDto } from '@parley/contracts';
import { ConversationLabelsService, LabelsService } from '@parley/labels';
import { AuthUser, CurrentUser, RequireRole } from '../auth/auth.decorators';
import { IsStorableText } from '../auth/text-fields';
import { IdPipe } from '../http/id.pipe';

// Lengths here only stop oversized bodies; the label rules (libs/domain/src/labels) say what a name and a colour are.
const COLOUR_DOC = { example: '#e5484d', description: '#rrggbb' };
const NAME_DOC = { description: 'at most 50 characters; blank: the other language’s name' };

class CreateLabelBody {
  @ApiPropertyOptional(NAME_DOC) @ValidateIf((_, v) => v !== undefined) @IsStorableText() @MaxLength(200) nameEn?: string;
  @ApiPropertyOptional(NAME_DOC) @ValidateIf((_, v) => v !== undefined) @IsStorableText() @MaxLength(200) nameRu?: string;
  @ApiProperty(COLOUR_DOC) @IsString() @MaxLength(20) colour: string;
}

class UpdateLabelBody {
  @ApiPropertyOptional(NAME_DOC) @ValidateIf((_, v) => v !== undefined) @IsStorableText() @MaxLength(200) nameEn?: string;
  @ApiPropertyOptional(NAME_DOC) @ValidateIf((_, v) => v !== undefined) @IsStorableText() @MaxLength(200) nameRu?: string;
  @ApiPropertyOptional(COLOUR_DOC) @ValidateIf((_, v) => v !== undefined) @IsString() @MaxLength(20) colour?: string;
}

class AddLabelBody {
  @ApiProperty() @IsString() @MaxLength(100) labelId: string;
}

@ApiTags('labels')
@ApiBearerAuth()
@Controller('api/labels')
export class LabelsController {
  constructor(private readonly labels: LabelsService) {}

  /** Any agent: the picker and the list filter offer them. */
  @Get()
  list(): Promise<LabelDto[]> {
    return this.labels.list();
  }

  @RequireRole('admin')
  @Post()
  create(@Body() body: CreateLabelBody): Promise<LabelDto> {
    return this.labels.create(body);
  }

  @RequireRole('admin')
  @Patch(':id')
  update(@Param('id', IdPipe) id: string, @Body() body: UpdateLabelBody): Promise<LabelDto> {
    return this.labels.update(id, body);
  }

  @RequireRole('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', IdPipe) id: string): Promise<void> {
    return this.labels.remove(id);
  }
}

/** Agents label the conversations they work on (every agent sees every conversation today). */
@ApiTags('labels')
@ApiBearerAuth()
@Controller('api/conversations/:id/labels')
export class ConversationLabelsController {
  constructor(private readonly labels: ConversationLabelsService) {}

  @Post()
  @HttpCode(200)
  add(@Param('id', IdPipe) id: string, @Body() body: AddLabelBody, @CurrentUser() user: AuthUser): Promise<ConversationDto> {
    return this.labels.add(id, new IdPipe().transform(body.labelId), user);
  }

  @Delete(':labelId')
  remove(@Param('id', IdPipe) id: string, @Param('labelId', IdPipe) labelId: string, @CurrentUser() user: AuthUser): Promise<ConversationDto> {
    return this.labels.remove(id, labelId, user);
  }
}
