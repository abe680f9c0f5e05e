import { Module } from '@nestjs/common';

import { LinkSigner } from './link-signer.service';

@Module({ providers: [LinkSigner], exports: [LinkSigner] })
export class LinkSignerModule {}
