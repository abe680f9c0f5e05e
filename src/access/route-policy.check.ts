import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

import { routeTable, undeclaredRoutes } from './route-table';

/** Refuses to start with a route that declares neither roles nor @Public(). */
@Injectable()
export class RoutePolicyCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const undeclared = undeclaredRoutes(routeTable(this.discovery, this.scanner, this.reflector));
    if (undeclared.length > 0) {
      const names = undeclared.map((route) => `${route.method} /${route.path} (${route.handler})`);
      throw new Error(`routes without @Roles or @Public: ${names.join(', ')}`);
    }
  }
}
