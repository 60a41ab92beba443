import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import {
  CANNED_SCOPES, type CannedContextDto, type CannedImportResultDto, type CannedResponseDto, type CannedScope, type RenderedCannedResponseDto,
} from '@parley/contracts';
import { CannedCsvService, CannedRenderService, CannedResponsesService } from '@parley/canned-responses';
import { AuthUser, CurrentUser } from '../auth/auth.decorators';
import { IsStorableText } from '../auth/text-fields';
import { IdPipe } from '../http/id.pipe';
import { Omittable } from '../http/omittable.decorator';

// Lengths here only stop oversized bodies; the canned response rules (libs/domain/src/canned-responses) say what is valid.
class VariantsBody {
  @ApiPropertyOptional() @ValidateIf((_, v) => v !== undefined && v !== null) @IsStorableText() @MaxLength(20000) en?: string | null;
  @ApiPropertyOptional() @ValidateIf((_, v) => v !== undefined && v !== null) @IsStorableText() @MaxLength(20000) ru?: string | null;
}

class CreateCannedBody {
  @ApiProperty({ example: 'доставка' }) @IsStorableText() @MaxLength(100) shortcode: string;
  @ApiProperty() @IsStorableText() @MaxLength(400) title: string;
  @ApiPropertyOptional({ enum: CANNED_SCOPES, default: 'personal' }) @Omittable() @IsIn(CANNED_SCOPES as CannedScope[]) scope?: CannedScope;
  @ApiPropertyOptional({ description: 'team scope: the team' }) @ValidateIf((_, v) => v !== undefined && v !== null) @IsString() @MaxLength(100) teamId?: string | null;
  @ApiProperty({ type: VariantsBody }) @ValidateNested() @Type(() => VariantsBody) variants: VariantsBody;
  @ApiPropertyOptional({ type: [String], description: 'ids from POST /api/attachments' })
  @Omittable() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(100, { each: true }) attachmentIds?: string[];
  @ApiPropertyOptional({ description: 'the approved WhatsApp template (name or id) offered outside the 24-hour window' })
  @ValidateIf((_, v) => v !== undefined && v !== null) @IsStorableText() @MaxLength(400) whatsappTemplate?: string | null;
}

class UpdateCannedBody {
  @ApiPropertyOptional() @Omittable() @IsStorableText() @MaxLength(100) shortcode?: string;
  @ApiPropertyOptional() @Omittable() @IsStorableText() @MaxLength(400) title?: string;
  @ApiPropertyOptional({ enum: CANNED_SCOPES }) @Omittable() @IsIn(CANNED_SCOPES as CannedScope[]) scope?: CannedScope;
  @ApiPropertyOptional() @ValidateIf((_, v) => v !== undefined && v !== null) @IsString() @MaxLength(100) teamId?: string | null;
  @ApiPropertyOptional({ type: VariantsBody }) @Omittable() @ValidateNested() @Type(() => VariantsBody) variants?: VariantsBody;
  @ApiPropertyOptional({ type: [String] }) @Omittable() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(100, { each: true }) attachmentIds?: string[];
  @ApiPropertyOptional() @ValidateIf((_, v) => v !== undefined && v !== null) @IsStorableText() @MaxLength(400) whatsappTemplate?: string | null;
}

class RenderBody {
  @ApiProperty() @IsString() @MaxLength(100) conversationId: string;
  @ApiPropertyOptional({ enum: ['ru', 'en'], description: 'the variant; default: the customer\'s language' }) @Omittable() @IsString() @MaxLength(10) language?: string;
}

class ImportBody {
  @ApiProperty({ description: 'the file\'s text: shortcode,title,scope,en,ru[,team] with a header row' }) @IsStorableText() csv: string;
}

/** Any signed-in user: each sees and edits what is theirs to (the service decides, 403 otherwise). */
@ApiTags('canned-responses')
@ApiBearerAuth()
@Controller('api/canned-responses')
export class CannedResponsesController {
  constructor(private readonly responses: CannedResponsesService, private readonly renderer: CannedRenderService, private readonly csv: CannedCsvService) {}

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<CannedResponseDto[]> {
    return this.responses.list(user);
  }

  @Get('export.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="canned-responses.csv"')
  exportCsv(@CurrentUser() user: AuthUser): Promise<string> {
    return this.csv.exportCsv(user);
  }

  @Post('import')
  @HttpCode(200)
  importCsv(@Body() body: ImportBody, @CurrentUser() user: AuthUser): Promise<CannedImportResultDto> {
    return this.csv.importCsv(user, body.csv);
  }

  @Get('context/:conversationId')
  context(@Param('conversationId', IdPipe) conversationId: string): Promise<CannedContextDto> {
    return this.renderer.context(conversationId);
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: string, @CurrentUser() user: AuthUser): Promise<CannedResponseDto> {
    return this.responses.get(user, id);
  }

  @Post()
  create(@Body() body: CreateCannedBody, @CurrentUser() user: AuthUser): Promise<CannedResponseDto> {
    return this.responses.create(user, body);
  }

  @Patch(':id')
  update(@Param('id', IdPipe) id: string, @Body() body: UpdateCannedBody, @CurrentUser() user: AuthUser): Promise<CannedResponseDto> {
    return this.responses.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', IdPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.responses.remove(user, id);
  }

  @Post(':id/render')
  @HttpCode(200)
  render(@Param('id', IdPipe) id: string, @Body() body: RenderBody, @CurrentUser() user: AuthUser): Promise<RenderedCannedResponseDto> {
    return this.renderer.render(user, id, new IdPipe().transform(body.conversationId), body.language);
  }
}
