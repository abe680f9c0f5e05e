import { IsUrl, MaxLength } from 'class-validator';

export class SetWebhookDto {
  /** Where request status changes are POSTed. */
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url!: string;
}
