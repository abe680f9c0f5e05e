import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';

import { Public } from '../access/policy.decorators';
import { Manifest } from './dto/manifest.view';
import { parseSince } from './since';
import { SmartPublicationService } from './smart-publication.service';
import { SmartFile } from './smart-resources';

/** Aggregators poll every few minutes; a minute of caching spares the database without hiding much. */
const CACHE = 'public, max-age=60';

/**
 * The open publication (SMART Scheduling Links) of a CPTS that turned it on: public, read-only,
 * no patient data, consenting GPs only.
 */
@ApiTags('smart-scheduling')
@Public()
@Controller('smart/:cpts')
export class SmartPublicationController {
  constructor(private readonly publication: SmartPublicationService) {}

  @Get('\\$bulk-publish')
  @Header('Cache-Control', CACHE)
  manifest(@Param('cpts') cpts: string, @Query('_since') since?: string): Promise<Manifest> {
    return this.publication.manifest(cpts, parseSince(since));
  }

  @Get('locations.ndjson')
  @ApiProduces('application/fhir+ndjson')
  @Header('Content-Type', 'application/fhir+ndjson')
  @Header('Cache-Control', CACHE)
  locations(@Param('cpts') cpts: string, @Query('_since') since?: string) {
    return this.file(cpts, 'locations', since);
  }

  @Get('schedules.ndjson')
  @ApiProduces('application/fhir+ndjson')
  @Header('Content-Type', 'application/fhir+ndjson')
  @Header('Cache-Control', CACHE)
  schedules(@Param('cpts') cpts: string, @Query('_since') since?: string) {
    return this.file(cpts, 'schedules', since);
  }

  @Get('slots.ndjson')
  @ApiProduces('application/fhir+ndjson')
  @Header('Content-Type', 'application/fhir+ndjson')
  @Header('Cache-Control', CACHE)
  slots(@Param('cpts') cpts: string, @Query('_since') since?: string) {
    return this.file(cpts, 'slots', since);
  }

  private file(cpts: string, file: SmartFile, since: string | undefined) {
    return this.publication.file(cpts, file, parseSince(since));
  }
}
