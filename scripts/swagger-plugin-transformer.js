/**
 * The @nestjs/swagger CLI plugin as a ts-jest AST transformer, with the options `nest build` uses
 * (read from nest-cli.json), so the OpenAPI document served in tests is the one served in
 * production. The plugin reads types, so ts-jest must compile with a program (not isolatedModules).
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const plugin = require('@nestjs/swagger/plugin');

const nestCli = JSON.parse(readFileSync(join(__dirname, '..', 'nest-cli.json'), 'utf8'));
const entry = (nestCli.compilerOptions.plugins ?? []).find(
  (candidate) => candidate === '@nestjs/swagger' || candidate.name === '@nestjs/swagger',
);
const options = typeof entry === 'object' ? entry.options : {};

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A Jest transform pattern for the files the plugin changes (its file-name suffixes). */
module.exports.swaggerPluginFiles = `(${[
  ...(options.dtoFileNameSuffix ?? ['.dto.ts', '.entity.ts']),
  ...(options.controllerFileNameSuffix ?? ['.controller.ts']),
]
  .map(escapeRegExp)
  .join('|')})$`;

module.exports.name = 'nestjs-swagger-plugin';
// Bump when the options' meaning changes: ts-jest keys its cache on name and version.
module.exports.version = `2-${JSON.stringify(options)}`;
/**
 * ts-jest's `compiler.program` is the language service's first program, taken before any file was
 * added; the plugin needs the one being emitted, which the language service answers during emit.
 */
module.exports.factory = (compiler) =>
  plugin.before(options, compiler._languageService?.getProgram() ?? compiler.program);
