// The API's own check of survey answers, so the form says exactly what the server would say. It
// is pure and imports only types, so it costs the bundle a few hundred bytes and nothing else.
export { checkSurveyAnswers } from "../../../../functions/src/domain/opportunities/survey-answers";
