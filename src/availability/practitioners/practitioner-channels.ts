/** Where a GP's own messages go: the channels they chose, e-mail when they chose none. */
export interface Reachable {
  email: string;
  phone: string;
  notifyEmail: boolean;
  notifySms: boolean;
}

export function practitionerChannels(practitioner: Reachable): Array<['email' | 'sms', string]> {
  const channels: Array<['email' | 'sms', string]> = [];
  if (practitioner.notifyEmail || !practitioner.notifySms) {
    channels.push(['email', practitioner.email]);
  }
  if (practitioner.notifySms) channels.push(['sms', practitioner.phone]);
  return channels;
}
