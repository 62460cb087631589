/** The vision routes' names for the shared DomainError → JSON error Response helpers. */
export { domainErrorResponse as visionErrorResponse, runDomain as runVision } from "./domain-http.server";
