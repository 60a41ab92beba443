import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG, type ParleyConfig } from '@parley/runtime';
import { Public } from '../auth/auth.decorators';
import { cspNonce } from '../http/security-headers';
import { InboxesService } from '../inboxes/inboxes.service';
import { IMMUTABLE, sendCompressedHtml, sendStatic } from './static-files';

const NOT_SPA = /^(api|webhooks|socket\.io|health)(\/|$)/;
// Vite names what it emits name-<8 character hash>.ext: such a URL never changes content, so it is cached for good.
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/** The built console (an SPA), the widget script and the demo shop page. */
@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  constructor(@Inject(CONFIG) private readonly config: ParleyConfig, private readonly inboxes: InboxesService) {}

  private file(...parts: string[]): string {
    return path.resolve(this.config.distDir, ...parts);
  }

  @Get('widget.js')
  widget(@Req() req: Request, @Res() res: Response): void {
    const file = this.file('widget', 'widget.js');
    if (!fs.existsSync(file)) throw new NotFoundException('The widget is not built: run npm run build');
    res.setHeader('Access-Control-Allow-Origin', '*');
    // Customers' sites load it: Helmet's same-origin resource policy would block it there.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    // Its URL is pasted into customers' sites and never changes: a short lifetime, then an ETag check.
    sendStatic(req, res, file, 'public, max-age=300');
  }

  @Get('demo')
  async demo(@Req() req: Request, @Res() res: Response): Promise<void> {
    const file = this.file('widget', 'demo.html');
    const inbox = await this.inboxes.demoInbox();
    if (!inbox?.websiteToken) throw new NotFoundException('No demo inbox: start with PARLEY_DEMO unset to create one');
    if (!fs.existsSync(file)) throw new NotFoundException('The demo page is not built: run npm run build');
    // The page's own inline scripts carry this response's CSP nonce; nothing else inline may run.
    const html = fs.readFileSync(file, 'utf8').replaceAll('__WEBSITE_TOKEN__', inbox.websiteToken).replaceAll('<script>', `<script nonce="${cspNonce(res)}">`);
    sendCompressedHtml(req, res, html);
  }

  @Get('{*path}')
  console(@Param('path') parts: string[] | undefined, @Req() req: Request, @Res() res: Response): void {
    const rel = (parts ?? []).join('/');
    if (NOT_SPA.test(rel)) throw new NotFoundException(`Cannot GET /${rel}`);
    const root = this.file('console');
    const asset = path.resolve(root, rel);
    // An escape from the console's folder (an encoded ../) is refused, not answered with the SPA.
    if (rel.includes('\0') || (rel && !asset.startsWith(root + path.sep))) throw new NotFoundException(`Cannot GET /${rel}`);
    if (rel && fs.existsSync(asset) && fs.statSync(asset).isFile()) {
      return sendStatic(req, res, asset, HASHED_ASSET.test(rel) ? IMMUTABLE : 'no-cache');
    }
    // A missing script or stylesheet (an old build's) must fail as such, not arrive as HTML.
    if (rel.startsWith('assets/')) throw new NotFoundException(`Cannot GET /${rel}`);
    const index = path.join(root, 'index.html');
    if (!fs.existsSync(index)) throw new NotFoundException('The console is not built: run npm run build');
    sendStatic(req, res, index, 'no-cache');
  }
}
