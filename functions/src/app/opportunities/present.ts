import type { OpportunityOut } from "../../contracts/opportunities.js";
import type { Opportunity } from "../../domain/opportunities/opportunity.js";
import { wireForm } from "../shared/wire-form.js";

export const presentOpportunity = (opportunity: Opportunity): OpportunityOut => wireForm(opportunity);
