/**
 * The agreement's web flow, one for every kind of agreement: what criteria and funnel controllers extend
 * ({@link io.leadbridge.agreement.web.AgreementPages}) and the form they share ({@link
 * io.leadbridge.agreement.web.ProposalForm}). The pages' shared parts are the fragments of {@code
 * templates/agreement/parts.html}.
 */
@org.springframework.modulith.NamedInterface("web")
package io.leadbridge.agreement.web;
