extension ServiceLaunch {
    /// The Jupyter services whose login cookie is overridden.
    static let jupyterServices: Set<String> = ["jupyter", "jupyterlab"]

    /// Jupyter's login cookie lasts 30 days and is named after the host port, so every session
    /// a browser opened left a cookie behind. As the agent expects: the cookie ends with the
    /// browser session and, in a Backend.AI session, is named `bai-jupyter-<session id>`.
    /// Applies to the image's definition files and the legacy table alike.
    func overridingJupyterCookie(service: String, sessionID: String?) -> ServiceLaunch {
        guard Self.jupyterServices.contains(service) else { return self }
        var launch = self
        launch.arguments.append(#"--IdentityProvider.cookie_options={"expires_days": None}"#)
        if let sessionID, !sessionID.isEmpty {
            launch.arguments.append("--IdentityProvider.cookie_name=bai-jupyter-\(sessionID)")
        }
        return launch
    }
}
