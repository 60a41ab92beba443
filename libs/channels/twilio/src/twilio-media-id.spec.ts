import { mediaAttachmentId } from './twilio-media';

describe('mediaAttachmentId', () => {
  const sid = 'MM0123456789abcdef0123456789abcdef';

  it('is the same for the same media of the same message, so a redelivery stores it once', () => {
    expect(mediaAttachmentId('token-a', sid, 0)).toBe(mediaAttachmentId('token-a', sid, 0));
    expect(mediaAttachmentId('token-a', sid, 0)).not.toBe(mediaAttachmentId('token-a', sid, 1));
  });

  it('depends on the auth token, so it cannot be guessed from the MessageSid', () => {
    expect(mediaAttachmentId('token-a', sid, 0)).not.toBe(mediaAttachmentId('token-b', sid, 0));
  });

  it('has the shape of the ids attachments are served by', () => {
    expect(mediaAttachmentId('token-a', sid, 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
