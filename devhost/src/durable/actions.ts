// Reading the orchestrator's answer: the SDK returns every action since the execution began, nested
// in WhenAll/WhenAny groups (replay schema V2+). A depth-first walk gives the SDK's id order; a task
// yielded alone and again inside Task.all appears twice but is the same object, so it counts once.

export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

export interface Action {
  actionType: number;
  functionName?: string;
  input?: unknown;
  retryOptions?: Record<string, unknown>;
  instanceId?: string;
  fireAt?: string | Date;
  isCanceled?: boolean;
  reason?: string;
  operation?: string;
  httpRequest?: { method?: string; uri?: string; content?: string; headers?: Record<string, string>; tokenSource?: unknown; asynchronousPatternEnabled?: boolean };
  compoundActions?: Action[];
}

/** Action types for which the SDK takes the next task id. */
const TAKES_ID = new Set<number>([0, 1, 2, 3, 5, 7, 8, 9, 13]);

export function takesId(action: Action): boolean {
  return TAKES_ID.has(action.actionType);
}

export function flattenActions(actions: unknown): Action[] {
  const seen = new Set<unknown>();
  const leaves: Action[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    const action = node as Action;
    if (action.actionType === ActionType.WhenAll || action.actionType === ActionType.WhenAny) {
      (action.compoundActions ?? []).forEach(visit);
      return;
    }
    leaves.push(action);
  };
  visit(actions);
  return leaves;
}

/** Strings reach the host JSON-encoded once more (`Utils.processInput`); everything else is a raw value. */
export function actionInputJson(input: unknown): string | null {
  if (input === undefined) return null;
  if (typeof input === "string") return input;
  return JSON.stringify(input) ?? null;
}

export function describeAction(action: Action): string {
  const kind = Object.entries(ActionType).find(([, v]) => v === action.actionType)?.[0] ?? `action ${action.actionType}`;
  return action.functionName ? `${kind} '${action.functionName}'` : kind;
}
