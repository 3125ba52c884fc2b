import { solutionConnectorFiles } from '../solution/connector-copy';
import { writeBackFlowFiles } from '../solution/write-back-flows';
import { buildApiProperties } from './api-properties';
import { buildSwagger, jsonFile } from './build-swagger';
import { CONNECTOR } from './connector-identity';
import { connectorIcon } from './icon-png';

/** Where the connector lives, relative to the repository root (microsoft/PowerPlatformConnectors layout). */
export const CONNECTOR_DIR = `connectors/${CONNECTOR.name}`;

/**
 * Every file `npm run connector:build` writes, by path relative to the repository root: the connector
 * folder, the connector's copy inside the solution source, and the solution's write-back flows on
 * the connector's triggers. Nothing here is edited by hand; the
 * contract test fails when a committed file differs from this.
 */
export function generatedFiles(): Record<string, string | Buffer> {
  const swagger = buildSwagger();
  const icon = connectorIcon();
  return {
    [`${CONNECTOR_DIR}/apiDefinition.swagger.json`]: jsonFile(swagger),
    [`${CONNECTOR_DIR}/apiProperties.json`]: jsonFile(buildApiProperties()),
    [`${CONNECTOR_DIR}/icon.png`]: icon,
    ...solutionConnectorFiles(swagger, icon),
    ...writeBackFlowFiles(),
  };
}
