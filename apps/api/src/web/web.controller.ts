import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG, type ParleyConfig } from '@parley/runtime';
import { Public } from '../auth/auth.decorators';
import { cspNonce } from '../http/security-headers';
import { InboxesService } from '../inboxes/inboxes.service';

const NOT_SPA = /^(api|webhooks|socket\.io|health)(\/|$)/;

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
  widget(@Res() res: Response): void {
    const file = this.file('widget', 'widget.js');
    if (!fs.existsSync(file)) throw new NotFoundException('The widget is not built: run npm run build');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Access-Control-Allow-Origin', '*');
    // Customers' sites load it: Helmet's same-origin resource policy would block it there.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.sendFile(file);
  }

  @Get('demo')
  async demo(@Res() res: Response): Promise<void> {
    const file = this.file('widget', 'demo.html');
    const inbox = await this.inboxes.demoInbox();
    if (!inbox?.websiteToken) throw new NotFoundException('No demo inbox: start with PARLEY_DEMO unset to create one');
    if (!fs.existsSync(file)) throw new NotFoundException('The demo page is not built: run npm run build');
    // The page's own inline scripts carry this response's CSP nonce; nothing else inline may run.
    const html = fs.readFileSync(file, 'utf8').replaceAll('__WEBSITE_TOKEN__', inbox.websiteToken).replaceAll('<script>', `<script nonce="${cspNonce(res)}">`);
    res.type('html').send(html);
  }

  @Get('{*path}')
  console(@Param('path') parts: string[] | undefined, @Res() res: Response): void {
    const rel = (parts ?? []).join('/');
    if (NOT_SPA.test(rel)) throw new NotFoundException(`Cannot GET /${rel}`);
    const root = this.file('console');
    const asset = path.resolve(root, rel);
    if (rel && asset.startsWith(root + path.sep) && fs.existsSync(asset) && fs.statSync(asset).isFile()) {
      res.setHeader('Cache-Control', rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return res.sendFile(asset);
    }
    const index = path.join(root, 'index.html');
    if (!fs.existsSync(index)) throw new NotFoundException('The console is not built: run npm run build');
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  }
}
