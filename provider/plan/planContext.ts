/**
 * What every plan check shares: the context it runs in (the backend, the settings, the run-wide
 * facts cache and ledger), the result it returns, and its prologue and epilogue ({@link definePlanCheck}):
 * the inputs with the provider's defaults and without the hidden plan count, the resource's reference
 * for messages, its shape, all failures normalized at the end, and the headroom said when the check
 * completes the plan.
 */
import type { ProviderSettings } from "../config";
import type { ImageBackend } from "../backend/types";
import type { ResourceRef } from "../model/kinds";
import type { ResourceDeclaration } from "../model/property";
import { planCountOf, withoutPlanCount } from "./census";
import { CheckFailure, normalizeFailures } from "./failures";
import { checkDone } from "./headroom";
import type { Ledger } from "./ledger";
import type { LiveFacts } from "./liveFacts";
import { planRefOf, validateShape, withDefaults } from "./shape";
import type { Unknowable } from "./unknown";

/** Everything a check needs: the backend, the settings, and the run-wide facts cache and ledger. */
export interface PlanContext {
    backend: ImageBackend;
    settings: ProviderSettings;
    facts: LiveFacts;
    ledger: Ledger;
    /** Where the quota headroom lines go (the provider process's stdout reaches the user); none when absent. */
    log?: (line: string) => void;
    /** Milliseconds since the epoch; default Date.now. */
    now?: () => number;
}

/** The result of a check, as `pulumi.dynamic.CheckResult`: the inputs with defaults, and all failures. */
export interface PlanCheckResult {
    inputs: Record<string, unknown>;
    failures: CheckFailure[];
}

/** Inputs as the engine hands them over. */
export type Inputs = Record<string, unknown>;

/** What the body of a check gets once the inputs have their defaults and the right shape. */
export interface CheckStart<T> {
    olds: Inputs;
    /** The inputs as the program gave them (without the hidden plan count). */
    news: Inputs;
    /** The inputs with the provider's defaults filled in (what the check returns unless the body says otherwise). */
    inputs: Inputs;
    ref: Required<ResourceRef>;
    /** The shaped inputs (any value may still be unknown). */
    v: Exclude<Unknowable<T>, string>;
    /** Where the body collects its failures (all of them are returned, normalized). */
    failures: CheckFailure[];
    ctx: PlanContext;
}

/** A plan check as the provider calls it. */
export type PlanCheck = (olds: Inputs, news: Inputs, ctx: PlanContext) => Promise<PlanCheckResult>;

/**
 * A plan check of one resource kind: a shape failure ends the check; otherwise `body` judges the
 * shaped inputs, collecting its failures, and may return the inputs to hand back (e.g. with computed
 * values added); by default the defaulted inputs. The hidden plan count never reaches them (nor the
 * diff or the state); it tells when the plan's checks are over, and the headroom is said then.
 */
export function definePlanCheck<T>(
    declaration: ResourceDeclaration,
    body: (start: CheckStart<T>) => Promise<Inputs | void>,
): PlanCheck {
    return async (olds, given, ctx) => {
        const news = withoutPlanCount(given);
        const inputs = withDefaults(declaration, news, ctx.settings);
        const ref = planRefOf(declaration, inputs);
        const result = await judged();
        await checkDone(ctx, ref, planCountOf(given));
        return result;

        async function judged(): Promise<PlanCheckResult> {
            const shape = validateShape<T>(declaration, inputs);
            if (!shape.ok) return { inputs, failures: shape.failures };
            const v = shape.value as Exclude<Unknowable<T>, string>;
            const failures: CheckFailure[] = [];
            const returned = await body({ olds, news, inputs, ref, v, failures, ctx });
            return { inputs: returned ?? inputs, failures: normalizeFailures(failures) };
        }
    };
}
