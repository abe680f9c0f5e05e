/** Where a platform token's events are posted. */
export class PlatformWebhook {
  tokenId!: string;
  url!: string;
  /** Signs each delivery; shown once, like the token itself; a new one on every PUT. */
  secret!: string;
}
