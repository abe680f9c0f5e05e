import { LinkSigner } from '../../src/auth/link-signer.service';
import { renderMessage } from '../../src/notifications/templates/render-message';
import type { TestApp } from './test-app';

export interface SentMail {
  template: string;
  subject: string;
  text: string;
  /** The first link of this service in the text. */
  link: string | undefined;
}

/** The e-mails the outbox holds for an address, rendered as they leave (oldest first). */
export async function mailsTo(t: TestApp, recipient: string): Promise<SentMail[]> {
  const rows = await t.db.system((manager) =>
    manager.query<Array<{ template: string; params: Record<string, unknown> }>>(
      `SELECT template, params FROM notification
        WHERE channel = 'email' AND recipient = $1 ORDER BY created_at, id`,
      [recipient],
    ),
  );
  const signer = t.app.get(LinkSigner);
  return Promise.all(
    rows.map(async ({ template, params }) => {
      const message = renderMessage('email', template, await signer.withLink(params));
      if (message.channel !== 'email') throw new Error('not an e-mail');
      return {
        template,
        subject: message.subject,
        text: message.text,
        link: /https?:\/\/\S+\/auth\/link\/\S+/.exec(message.text)?.[0],
      };
    }),
  );
}
