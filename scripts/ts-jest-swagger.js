/**
 * ts-jest for the files the @nestjs/swagger plugin changes (see jest.config.js). ts-jest keeps one
 * configuration per Jest project whatever the options of each `transform` entry, so this entry
 * presents its own copy of the project configuration to get its own ts-jest configuration
 * (a program for the plugin) beside the project's isolated transpilation.
 */
const { TsJestTransformer } = require('ts-jest');

const copies = new WeakMap();

function ownConfig(config) {
  let copy = copies.get(config);
  if (!copy) {
    copy = { ...config, id: `${config.id}:swagger-plugin` };
    copies.set(config, copy);
  }
  return copy;
}

class SwaggerPluginTransformer extends TsJestTransformer {
  _configsFor(transformOptions) {
    return super._configsFor({ ...transformOptions, config: ownConfig(transformOptions.config) });
  }
}

module.exports.createTransformer = (options) => new SwaggerPluginTransformer(options);
