import { Module } from '@nestjs/common';
import { LinkSigner } from './link-signer';

@Module({ providers: [LinkSigner], exports: [LinkSigner] })
export class LinkSignerModule {}
