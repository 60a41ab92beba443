import { emailFrameDocument, emailView } from './email-frame';

describe('the email frame', () => {
  it('allows no script and nothing from outside Parley', () => {
    const doc = emailFrameDocument('<p>Hi</p>', 'https://parley.example');
    expect(doc).toContain(`content="default-src 'none'; img-src https://parley.example data:; style-src 'unsafe-inline'"`);
    expect(doc).toContain('<base target="_blank">');
    expect(doc).toContain('<body><p>Hi</p></body>');
  });

  it('reads what the email adapter stored, and nothing else', () => {
    expect(emailView({ subject: 'Re: Kettle', html: '<p>x</p>', fullText: 'x\n> y', skippedAttachments: [{ fileName: 'big.zip' }], other: 1 })).toEqual({
      subject: 'Re: Kettle',
      html: '<p>x</p>',
      visibleHtml: null,
      fullText: 'x\n> y',
      skippedAttachments: ['big.zip'],
    });
    expect(emailView(null)).toEqual({ subject: null, html: null, visibleHtml: null, fullText: null, skippedAttachments: [] });
  });
});
