import { BadRequestException, Controller, Get, Headers, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AttachmentDto } from '@parley/contracts';
import { AttachmentStore } from '@parley/persistence';
import { Public } from '../auth/auth.decorators';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INLINE = /^(image\/(png|jpeg|gif|webp)|audio\/|video\/|application\/pdf$)/;

@ApiTags('attachments')
@Controller()
export class AttachmentsController {
  constructor(private readonly store: AttachmentStore) {}

  /** The file is the raw request body; its name comes in `?fileName=`. */
  @ApiBearerAuth()
  @ApiConsumes('application/octet-stream')
  @ApiQuery({ name: 'fileName', required: false })
  @Post('api/attachments')
  upload(@Req() req: Request, @Headers('content-type') contentType: string | undefined, @Query('fileName') fileName?: string): Promise<AttachmentDto> {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new BadRequestException('Send the file as the request body');
    return this.store.save({ data: req.body, contentType: contentType ?? 'application/octet-stream', fileName: fileName ?? null });
  }

  /**
   * Download. The random id is the capability (as in a presigned URL), so the widget and <img>
   * tags can load it; the headers stop an uploaded HTML file from running on our origin.
   */
  @Public()
  @Get('attachments/:id')
  async download(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const file = UUID.test(id) ? await this.store.read(id) : null;
    if (!file) throw new NotFoundException('Unknown attachment');
    const name = encodeURIComponent(file.fileName ?? 'attachment');
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `${INLINE.test(file.contentType) ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox");
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    res.send(file.data);
  }
}
