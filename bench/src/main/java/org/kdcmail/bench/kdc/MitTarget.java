package org.kdcmail.bench.kdc;

import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * An MIT Kerberos KDC (started by {@code bench/kdc-load.sh} in a throwaway realm on loopback),
 * driven with the JDK's own Kerberos client: one JAAS login with a keytab (the AS exchange, once),
 * then a request is one GSS-API {@code initSecContext} per service, each in a fresh {@link Subject}
 * that holds only the TGT, so every call is a TGS exchange (TGS-REQ/TGS-REP over UDP on loopback)
 * and never a cached service ticket. With r recipients a request is r such exchanges for r
 * different services: the service tickets an office client would need to reach r services.
 */
final class MitTarget implements LoadTarget {
  private static final Oid KRB5;
  private static final Oid KRB5_PRINCIPAL;

  static {
    try {
      KRB5 = new Oid("1.2.840.113554.1.2.2");
      KRB5_PRINCIPAL = new Oid("1.2.840.113554.1.2.2.1");
    } catch (org.ietf.jgss.GSSException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Subject login;
  private final KerberosTicket tgt;
  private final String servicePrefix;
  private final int services;
  private final String realm;

  private MitTarget(
      Subject login, KerberosTicket tgt, String servicePrefix, int services, String realm) {
    this.login = login;
    this.tgt = tgt;
    this.servicePrefix = servicePrefix;
    this.services = services;
    this.realm = realm;
  }

  /**
   * Logs {@code principal} in from {@code keytab} against the KDC named in {@code krb5Conf}; the
   * services {@code servicePrefix + 1 .. services} must exist in {@code realm}.
   */
  static MitTarget login(
      Path krb5Conf,
      Path keytab,
      String principal,
      String servicePrefix,
      int services,
      String realm)
      throws Exception {
    System.setProperty("java.security.krb5.conf", krb5Conf.toString());
    System.setProperty("javax.security.auth.useSubjectCredsOnly", "true");
    Map<String, String> options = new HashMap<>();
    options.put("useKeyTab", "true");
    options.put("keyTab", keytab.toString());
    options.put("principal", principal);
    options.put("storeKey", "false");
    options.put("doNotPrompt", "true");
    options.put("refreshKrb5Config", "true");
    Configuration config =
        new Configuration() {
          @Override
          public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[] {
              new AppConfigurationEntry(
                  "com.sun.security.auth.module.Krb5LoginModule",
                  AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                  options)
            };
          }
        };
    LoginContext context = new LoginContext("bench", new Subject(), null, config);
    context.login();
    Subject subject = context.getSubject();
    KerberosTicket tgt =
        subject.getPrivateCredentials(KerberosTicket.class).stream()
            .filter(t -> t.getServer().getName().startsWith("krbtgt/"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no TGT after login"));
    return new MitTarget(subject, tgt, servicePrefix, services, realm);
  }

  @Override
  public String name() {
    return "mit-krb5";
  }

  @Override
  public LoadClient client(int index, int recipients) {
    GSSManager manager = GSSManager.getInstance();
    return new LoadClient() {
      private int next = index * 17;

      @Override
      public void request() throws Exception {
        Subject fresh = new Subject(false, login.getPrincipals(), Set.of(), Set.of(tgt));
        Subject.doAs(
            fresh,
            (PrivilegedExceptionAction<Void>)
                () -> {
                  for (int k = 0; k < recipients; k++) {
                    String service =
                        servicePrefix + (1 + Math.floorMod(next++, services)) + "@" + realm;
                    GSSName name = manager.createName(service, KRB5_PRINCIPAL);
                    GSSContext context =
                        manager.createContext(name, KRB5, null, GSSContext.DEFAULT_LIFETIME);
                    try {
                      context.requestMutualAuth(false);
                      byte[] token = context.initSecContext(new byte[0], 0, 0);
                      if (token == null || token.length == 0) {
                        throw new IllegalStateException("no AP-REQ for " + service);
                      }
                    } finally {
                      context.dispose();
                    }
                  }
                  return null;
                });
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {}
}
