// The durable client input binding: the JSON the SDK's getClient() parses. `rpcBaseUrl` sends every
// client call to devhost's private management listener; the public URLs are what users receive.

export interface ClientUrls {
  /** Origin users reach devhost on, e.g. http://localhost:7071 */
  publicOrigin: string;
  /** Private management listener, ending with `/durabletask/`. */
  rpcBaseUrl: string;
  hubName: string;
  /** Added as `code=` to public URLs only when keys are enforced. */
  systemKey?: string;
}

export const WEBHOOK_PATH = "/runtime/webhooks/durabletask";

export function managementQuery(urls: ClientUrls): string {
  const query = new URLSearchParams({ taskHub: urls.hubName, connection: "Storage" });
  if (urls.systemKey) query.set("code", urls.systemKey);
  return query.toString();
}

export function managementPayload(urls: ClientUrls, instanceId: string): Record<string, string> {
  const base = `${urls.publicOrigin}${WEBHOOK_PATH}/instances/${encodeURIComponent(instanceId)}`;
  const query = managementQuery(urls);
  return {
    id: instanceId,
    statusQueryGetUri: `${base}?${query}`,
    sendEventPostUri: `${base}/raiseEvent/{eventName}?${query}`,
    terminatePostUri: `${base}/terminate?reason={text}&${query}`,
    rewindPostUri: `${base}/rewind?reason={text}&${query}`,
    purgeHistoryDeleteUri: `${base}?${query}`,
    restartPostUri: `${base}/restart?${query}`,
    suspendPostUri: `${base}/suspend?reason={text}&${query}`,
    resumePostUri: `${base}/resume?reason={text}&${query}`,
  };
}

export function clientBindingJson(urls: ClientUrls): string {
  const codeOnly = urls.systemKey ? `?code=${encodeURIComponent(urls.systemKey)}` : "";
  const orchestrators = `${urls.publicOrigin}${WEBHOOK_PATH}/orchestrators/{functionName}[/{instanceId}]`;
  return JSON.stringify({
    taskHubName: urls.hubName,
    creationUrls: {
      createNewInstancePostUri: `${orchestrators}${codeOnly}`,
      createAndWaitOnNewInstancePostUri: `${orchestrators}?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}${codeOnly ? `&${codeOnly.slice(1)}` : ""}`,
    },
    managementUrls: managementPayload(urls, "INSTANCEID"),
    baseUrl: `${urls.publicOrigin}${WEBHOOK_PATH}`,
    requiredQueryStringParameters: managementQuery(urls),
    rpcBaseUrl: urls.rpcBaseUrl,
    httpBaseUrl: `${urls.publicOrigin}${WEBHOOK_PATH}`,
  });
}
