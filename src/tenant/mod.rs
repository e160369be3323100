//! Diagnosis of `550 5.7.64 TenantAttribution` from Exchange protocol logs, certificates and the
//! inbound connector's settings; and the explainer of pasted SMTP errors.
