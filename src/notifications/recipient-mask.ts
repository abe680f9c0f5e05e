import type { NotificationChannel } from './notification.entity';

const DOT = '••';

/**
 * A recipient as the status list shows it: enough to tell which phone or address was used,
 * not enough to contact the patient. Webhook recipients are platform token ids,
 * SAS recipients appointment ids: shown whole.
 */
export function maskRecipient(channel: NotificationChannel, recipient: string): string {
  switch (channel) {
    case 'sms':
      return maskPhone(recipient);
    case 'email':
      return maskEmail(recipient);
    case 'webhook':
    case 'sas':
      return recipient;
  }
}

function maskPhone(phone: string): string {
  const french = /^\+33(\d)\d{6}(\d{2})$/.exec(phone);
  if (french) return `+33 ${french[1]} ${DOT} ${DOT} ${DOT} ${french[2]}`;
  if (phone.length <= 5) return DOT;
  return `${phone.slice(0, 3)} ${DOT} ${phone.slice(-2)}`;
}

function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return DOT;
  return `${email[0]}${DOT}@${email.slice(at + 1)}`;
}
