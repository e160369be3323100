//! The wizard's pages and the three flows they belong to.

/// The wizard's pages, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Start,
    Connector,
    Hosts,
    Security,
    TestEmail,
    Run,
    Results,
    /// 5.7.64 diagnosis: the inbound connector, accepted domains, the refused mail.
    TenantInbound,
    /// 5.7.64 diagnosis: where the certificate the server sends is read from.
    TenantSource,
    TenantRun,
    TenantResults,
    /// The error explainer.
    Explain,
}

/// The three things the wizard does; each has its own steps after Start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Flow {
    #[default]
    Validate,
    Tenant,
    Explain,
}

impl Flow {
    pub fn pages(self) -> &'static [Page] {
        match self {
            Flow::Validate => &Page::ALL,
            Flow::Tenant => &[
                Page::Start,
                Page::TenantInbound,
                Page::TenantSource,
                Page::TenantRun,
                Page::TenantResults,
            ],
            Flow::Explain => &[Page::Start, Page::Explain],
        }
    }
}

impl Page {
    pub const ALL: [Page; 7] = [
        Page::Start,
        Page::Connector,
        Page::Hosts,
        Page::Security,
        Page::TestEmail,
        Page::Run,
        Page::Results,
    ];

    pub fn label_id(self) -> &'static str {
        match self {
            Page::Start => "ui-page-start",
            Page::Connector => "ui-page-connector",
            Page::Hosts => "ui-page-hosts",
            Page::Security => "ui-page-security",
            Page::TestEmail => "ui-page-test-email",
            Page::Run => "ui-page-run",
            Page::Results => "ui-page-results",
            Page::TenantInbound => "ui-page-tenant-inbound",
            Page::TenantSource => "ui-page-tenant-source",
            Page::TenantRun => "ui-page-tenant-run",
            Page::TenantResults => "ui-page-tenant-results",
            Page::Explain => "ui-page-explain",
        }
    }

    pub fn number(self, flow: Flow) -> usize {
        flow.pages().iter().position(|p| *p == self).unwrap_or(0) + 1
    }

    /// The flow a page belongs to (Start belongs to all).
    pub fn flow(self) -> Option<Flow> {
        match self {
            Page::Start => None,
            Page::Connector
            | Page::Hosts
            | Page::Security
            | Page::TestEmail
            | Page::Run
            | Page::Results => Some(Flow::Validate),
            Page::TenantInbound | Page::TenantSource | Page::TenantRun | Page::TenantResults => {
                Some(Flow::Tenant)
            }
            Page::Explain => Some(Flow::Explain),
        }
    }

    /// The pages of the validation form (everything before Run).
    pub fn is_form(self) -> bool {
        matches!(
            self,
            Page::Start | Page::Connector | Page::Hosts | Page::Security | Page::TestEmail
        )
    }

    /// Where Back and Esc go (a run under way is stopped first).
    pub fn back(self) -> Option<Page> {
        match self {
            Page::Start => None,
            Page::Connector => Some(Page::Start),
            Page::Hosts => Some(Page::Connector),
            Page::Security => Some(Page::Hosts),
            Page::TestEmail => Some(Page::Security),
            Page::Run | Page::Results => Some(Page::Hosts),
            Page::TenantInbound | Page::Explain => Some(Page::Start),
            Page::TenantSource | Page::TenantRun | Page::TenantResults => Some(Page::TenantInbound),
        }
    }

    /// Where Next goes on the pages that have it.
    pub fn next(self) -> Option<Page> {
        match self {
            Page::Start => Some(Page::Connector),
            Page::Connector => Some(Page::Hosts),
            Page::Hosts => Some(Page::Security),
            Page::Security => Some(Page::TestEmail),
            _ => None,
        }
    }

    /// Accepts the page names used by the hidden `CONNECTOR_DOCTOR_START_PAGE` hook.
    pub fn parse(text: &str) -> Option<Page> {
        match text.trim().to_ascii_lowercase().as_str() {
            "start" => Some(Page::Start),
            "connector" => Some(Page::Connector),
            "hosts" => Some(Page::Hosts),
            "security" => Some(Page::Security),
            "test-email" | "email" => Some(Page::TestEmail),
            "tenant" | "tenant-inbound" => Some(Page::TenantInbound),
            "tenant-source" => Some(Page::TenantSource),
            "explain" => Some(Page::Explain),
            _ => None,
        }
    }
}
