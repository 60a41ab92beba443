import { BadRequestException, Controller, Get, Headers, NotFoundException, Param, Post, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AttachmentDto } from '@parley/contracts';
import { AttachmentStore, signAttachments, verifyAttachmentLink } from '@parley/persistence';
import { Public } from '../auth/auth.decorators';
import { AuthService } from '../auth/auth.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Shown in place (an <img>); everything else is a download, so no uploaded page, SVG or PDF renders on our origin. */
const INLINE = /^image\/(png|jpeg|gif|webp)$/;

@ApiTags('attachments')
@Controller()
export class AttachmentsController {
  constructor(private readonly store: AttachmentStore, private readonly auth: AuthService) {}

  /** The file is the raw request body; its name comes in `?fileName=`. Its type is sniffed from the bytes. */
  @ApiBearerAuth()
  @ApiConsumes('application/octet-stream')
  @ApiQuery({ name: 'fileName', required: false })
  @Post('api/attachments')
  async upload(@Req() req: Request, @Headers('content-type') contentType: string | undefined, @Query('fileName') fileName?: string): Promise<AttachmentDto> {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new BadRequestException('Send the file as the request body');
    if (fileName !== undefined && typeof fileName !== 'string') throw new BadRequestException('fileName must be a single string');
    const saved = await this.store.save({ data: req.body, contentType: contentType ?? 'application/octet-stream', fileName: fileName ?? null });
    return signAttachments([saved])[0];
  }

  /**
   * Download, for a signed-in agent (Bearer) or through a short-lived signed link (`exp`, `sig`:
   * what message DTOs carry, for <img> tags, the widget's customer and providers fetching media).
   * The id alone opens nothing. The headers stop an uploaded page from running on our origin.
   */
  @Public()
  @Get('attachments/:id')
  async download(@Param('id') id: string, @Query('exp') exp: unknown, @Query('sig') sig: unknown, @Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    if (!UUID.test(id)) throw new NotFoundException('Unknown attachment');
    if (!verifyAttachmentLink(id, exp, sig)) {
      if (!authorization?.startsWith('Bearer ')) throw new UnauthorizedException('This link has expired or is not signed: sign in, or open the file from its message again');
      await this.auth.verify(authorization.slice(7).trim());
    }
    const file = await this.store.read(id);
    if (!file) throw new NotFoundException('Unknown attachment');
    const name = encodeURIComponent(file.fileName ?? 'attachment');
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `${INLINE.test(file.contentType) ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox");
    // The widget shows images on customers' sites: those may load it despite Helmet's same-origin default.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.send(file.data);
  }
}
