import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SurveysService, type LinkAnswer } from '@parley/surveys';
import { Public } from '../auth/auth.decorators';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const INVALID = {
  ru: 'Ссылка больше не действительна. Если хотите оценить нашу помощь, просто ответьте на письмо.',
  en: 'This link is no longer valid. If you would like to rate our help, simply reply to the email.',
};

const PAGE_TEXT = {
  ru: { title: 'Опрос', recorded: 'Ваша оценка: {score}.', already: 'Вы уже ответили на этот опрос. Ваша оценка: {score}.', send: 'Отправить' },
  en: { title: 'Survey', recorded: 'Your score: {score}.', already: 'You have already answered this survey. Your score: {score}.', send: 'Send' },
};

/**
 * The hosted survey page behind the email score links: plain HTML forms, no scripts, so it works
 * in any browser and mail client. A forged or expired link gets a clear page and records nothing.
 */
@ApiExcludeController()
@Public()
@Controller('surveys/answer')
export class SurveyPageController {
  constructor(private readonly surveys: SurveysService) {}

  @Get(':token')
  async answer(@Param('token') token: string, @Query('score') score: string | undefined, @Query('unsubscribe') unsubscribe: string | undefined, @Res() res: Response): Promise<void> {
    const parsed = score !== undefined && /^\d{1,2}$/.test(score) ? Number(score) : undefined;
    const result = await this.surveys.answerByLink(token, { score: parsed, unsubscribe: unsubscribe === '1' });
    this.render(res, token, result);
  }

  @Post(':token/comment')
  async comment(@Param('token') token: string, @Body() body: { comment?: string }, @Res() res: Response): Promise<void> {
    const result = await this.surveys.commentByLink(token, typeof body?.comment === 'string' ? body.comment.slice(0, 4000) : '');
    this.render(res, token, result);
  }

  private render(res: Response, token: string, result: LinkAnswer): void {
    if (result.outcome === 'invalid') {
      res.status(410).type('html').send(page('ru', 'Parley', `<p>${esc(INVALID.ru)}</p><p lang="en">${esc(INVALID.en)}</p>`));
      return;
    }
    const t = PAGE_TEXT[result.language];
    const score = String(result.score ?? '');
    let body: string;
    if (result.outcome === 'unsubscribed') body = `<p>${esc(result.texts.unsubscribed)}</p>`;
    else if (result.outcome === 'commented') body = `<p>${esc(result.texts.thanks)}</p>`;
    else {
      const head = (result.outcome === 'recorded' ? t.recorded : t.already).replace('{score}', score);
      body = `<p>${esc(head)}</p>`;
      if (result.outcome === 'recorded') {
        body += `<form method="post" action="/surveys/answer/${esc(encodeURIComponent(token))}/comment">`
          + `<label for="comment">${esc(result.texts.why)}</label><br><textarea id="comment" name="comment" rows="5" cols="50" maxlength="4000"></textarea><br>`
          + `<button type="submit">${esc(t.send)}</button></form>`;
      }
    }
    res.status(200).type('html').send(page(result.language, t.title, body));
  }
}

function page(lang: string, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<title>${esc(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head>`
    + `<body>${body}</body></html>`;
}
