import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SurveyLinksService, type LinkAnswer } from '@parley/surveys';
import { Public } from '../auth/auth.decorators';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const INVALID = {
  ru: 'Ссылка больше не действительна. Если хотите оценить нашу помощь, просто ответьте на письмо.',
  en: 'This link is no longer valid. If you would like to rate our help, simply reply to the email.',
};

const PAGE_TEXT = {
  ru: {
    title: 'Опрос', recorded: 'Ваша оценка: {score}.', already: 'Вы уже ответили на этот опрос. Ваша оценка: {score}.', send: 'Отправить',
    confirm: 'Подтвердить оценку', choose: 'Выберите оценку и нажмите «Подтвердить оценку».',
    unsubscribeAsk: 'Больше не присылать вам опросы?', unsubscribe: 'Отписаться от опросов',
  },
  en: {
    title: 'Survey', recorded: 'Your score: {score}.', already: 'You have already answered this survey. Your score: {score}.', send: 'Send',
    confirm: 'Confirm my score', choose: 'Choose a score and press “Confirm my score”.',
    unsubscribeAsk: 'Stop sending you surveys?', unsubscribe: 'Unsubscribe from surveys',
  },
};

const scoreOf = (raw: unknown): number | undefined => (typeof raw === 'string' && /^\d{1,2}$/.test(raw) ? Number(raw) : undefined);

/**
 * The hosted survey page behind the email score links: plain HTML forms, no scripts, so it works
 * in any browser and mail client. Mail security scanners pre-fetch links, so a GET only shows the
 * chosen score with a confirm button; the form POST records it. A forged or expired link gets a
 * clear page and records nothing.
 */
@ApiExcludeController()
@Public()
@Controller('surveys/answer')
export class SurveyPageController {
  constructor(private readonly links: SurveyLinksService) {}

  @Get(':token')
  async show(@Param('token') token: string, @Query('score') score: string | undefined, @Query('unsubscribe') unsubscribe: string | undefined, @Res() res: Response): Promise<void> {
    this.render(res, token, await this.links.viewLink(token, { score: scoreOf(score), unsubscribe: unsubscribe === '1' }));
  }

  @Post(':token')
  @HttpCode(200)
  async answer(@Param('token') token: string, @Body() body: { score?: string; unsubscribe?: string }, @Res() res: Response): Promise<void> {
    this.render(res, token, await this.links.answerByLink(token, { score: scoreOf(body?.score), unsubscribe: body?.unsubscribe === '1' }));
  }

  @Post(':token/comment')
  @HttpCode(200)
  async comment(@Param('token') token: string, @Body() body: { comment?: string }, @Res() res: Response): Promise<void> {
    const result = await this.links.commentByLink(token, typeof body?.comment === 'string' ? body.comment.slice(0, 4000) : '');
    this.render(res, token, result);
  }

  private render(res: Response, token: string, result: LinkAnswer): void {
    // The token is the key to this customer's survey: not cached, not leaked in a Referer.
    res.setHeader('cache-control', 'no-store');
    res.setHeader('referrer-policy', 'no-referrer');
    if (result.outcome === 'invalid') {
      res.status(410).type('html').send(page('ru', 'Parley', `<p data-outcome="invalid">${esc(INVALID.ru)}</p><p lang="en">${esc(INVALID.en)}</p>`));
      return;
    }
    const t = PAGE_TEXT[result.language];
    const action = `/surveys/answer/${esc(encodeURIComponent(token))}`;
    const score = String(result.score ?? '');
    let body: string;
    switch (result.outcome) {
      case 'confirm_unsubscribe':
        body = `<form method="post" action="${action}"><p>${esc(t.unsubscribeAsk)}</p><input type="hidden" name="unsubscribe" value="1">`
          + `<button type="submit">${esc(t.unsubscribe)}</button></form>`;
        break;
      case 'unsubscribed':
        body = `<p>${esc(result.texts.unsubscribed)}</p>`;
        break;
      case 'commented':
        body = `<p>${esc(result.texts.thanks)}</p>`;
        break;
      case 'confirm': {
        const options = Array.from({ length: result.max - result.min + 1 }, (_, i) => result.min + i).map((n) =>
          `<label class="score"><input type="radio" name="score" value="${n}"${n === result.score ? ' checked' : ''} required><span>${n}</span></label>`).join('');
        body = `<form method="post" action="${action}"><fieldset><legend>${esc(result.question)}</legend><div class="scale">${options}</div></fieldset>`
          + `<p class="hint">${esc(t.choose)}</p><button type="submit">${esc(t.confirm)}</button></form>`;
        break;
      }
      default: {
        const head = (result.outcome === 'recorded' ? t.recorded : t.already).replace('{score}', score);
        body = `<p data-outcome="${result.outcome}">${esc(head)}</p>`;
        if (result.canComment) {
          body += `<form method="post" action="${action}/comment">`
            + `<label for="comment">${esc(result.texts.why)}</label><br><textarea id="comment" name="comment" rows="5" cols="50" maxlength="4000"></textarea><br>`
            + `<button type="submit">${esc(t.send)}</button></form>`;
        }
      }
    }
    res.status(200).type('html').send(page(result.language, t.title, body));
  }
}

function page(lang: string, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<meta name="robots" content="noindex"><title>${esc(title)}</title><style>`
    + 'body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}'
    + 'fieldset{border:0;padding:0;margin:0}legend{margin-bottom:.75rem}.scale{display:flex;flex-wrap:wrap;gap:.4rem}'
    + '.score input{position:absolute;opacity:0}.score span{display:inline-block;min-width:2.2rem;padding:.45rem .6rem;border:1px solid #adb5bd;border-radius:.4rem;text-align:center;cursor:pointer}'
    + '.score input:checked+span{background:#1c7ed6;border-color:#1c7ed6;color:#fff}.score input:focus-visible+span{outline:2px solid #1c7ed6;outline-offset:2px}'
    + '.hint{color:#555;font-size:.9rem}button{font:inherit;padding:.5rem 1rem;border-radius:.4rem;border:1px solid #1c7ed6;background:#1c7ed6;color:#fff;cursor:pointer}'
    + `</style></head><body>${body}</body></html>`;
}
