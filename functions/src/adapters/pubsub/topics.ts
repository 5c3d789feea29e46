/** The topic every domain event goes to; subscribers filter on the `type` attribute. */
export const domainEventsTopic = "domain-events";
