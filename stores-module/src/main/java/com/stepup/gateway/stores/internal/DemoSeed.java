package com.stepup.gateway.stores.internal;

import com.stepup.gateway.klarna.KlarnaStores;
import com.stepup.gateway.platform.BackgroundJobs;
import com.stepup.gateway.stores.Merchants;
import com.stepup.gateway.stores.NewMerchant;
import com.stepup.gateway.stores.StoreDirectory;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.Stores;
import com.stepup.gateway.stores.TerminalInput;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With {@code gateway.demo=true}: a demo merchant, an onboarded physical store {@code store-001}
 * and a terminal {@code till-7} with a screen. Runs a few seconds after start and again until done,
 * since Klarna (the sandbox beside us) may deploy after the gateway. The partner API key and the
 * merchant's webhook signing secret (as it is at the start) go to files readable only by their
 * owner ({@code gateway.demo.key-file}, {@code gateway.demo.webhook-secret-file}), never to the
 * log.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class DemoSeed {

  static final String ACCOUNT = "krn:partner:global:account:test:demo-merchant";
  private static final Logger LOG = Logger.getLogger(DemoSeed.class.getName());

  @Inject
  @ConfigProperty(name = "gateway.demo", defaultValue = "false")
  boolean demo;

  @Inject
  @ConfigProperty(name = "gateway.demo.key-file", defaultValue = "data/demo-partner-api-key")
  String keyFile;

  @Inject
  @ConfigProperty(
      name = "gateway.demo.webhook-secret-file",
      defaultValue = "data/demo-webhook-secret")
  String webhookSecretFile;

  @Inject BackgroundJobs jobs;
  @Inject Merchants merchants;
  @Inject MerchantRepository repository;
  @Inject Stores stores;
  @Inject StoreDirectory directory;
  @Inject StoreRepository storeRepository;
  @Inject KlarnaStores klarna;

  private ScheduledFuture<?> task;
  private int attempts;

  @PostConstruct
  void start() {
    if (demo) {
      task =
          jobs.executor("demo seed").scheduleWithFixedDelay(this::seedOnce, 3, 5, TimeUnit.SECONDS);
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  private void seedOnce() {
    try {
      if (seed()) {
        task.cancel(false);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.INFO, "Demo data not ready yet: {0}", e.getMessage());
    }
    if (++attempts >= 60) {
      LOG.warning("Gave up seeding the demo data after 60 attempts.");
      task.cancel(false);
    }
  }

  /** One pass; true when the demo merchant, store and terminal all exist. */
  boolean seed() {
    String merchantId =
        repository
            .findByPartnerAccount(ACCOUNT)
            .map(m -> m.id())
            .orElseGet(
                () ->
                    merchants.create(new NewMerchant("Demo Shoes", ACCOUNT, null)).merchant().id());
    ensureKeyFile(merchantId);
    writeOwnerOnly(Path.of(webhookSecretFile), merchants.webhookSecrets(merchantId).get(0));
    StoreView store =
        directory
            .store(merchantId, "store-001")
            .orElseGet(
                () ->
                    stores.create(
                        merchantId,
                        StoreType.PHYSICAL_STORE,
                        "store-001",
                        new StoreView.Details(
                            "Demo Shoes, High St",
                            new StoreView.Address(
                                "800 N. High St", null, "43215", "Columbus", "OH", "US"),
                            null,
                            null,
                            List.of())));
    if (store.onboarded() && klarna.byReference(ACCOUNT, store.storeReference()).isEmpty()) {
      // the sandbox keeps its state in memory: after a restart it has forgotten the store
      storeRepository.recordFailed(store.id(), "Klarna no longer knows the store", true);
      store = storeRepository.get(merchantId, store.id());
    }
    if (!store.onboarded()) {
      store = stores.retryOnboarding(merchantId, store.id());
    }
    if (directory.terminal(merchantId, "till-7").isEmpty()) {
      stores.createTerminal(
          merchantId, store.id(), new TerminalInput("till-7", "Till 7", true, true));
    }
    if (store.onboarded()) {
      LOG.info(
          "Demo merchant "
              + merchantId
              + " ready: store store-001 (Klarna "
              + store.klarnaStoreId()
              + "), terminal till-7; partner API key in "
              + keyFile
              + ", webhook secret in "
              + webhookSecretFile);
      return true;
    }
    return false;
  }

  /** Writes a fresh key when the file is missing or its key no longer works. */
  private void ensureKeyFile(String merchantId) {
    Path file = Path.of(keyFile);
    try {
      if (Files.exists(file)) {
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (directory.merchantByApiKey(key).filter(m -> m.id().equals(merchantId)).isPresent()) {
          return;
        }
      }
      writeOwnerOnly(file, merchants.issueKey(merchantId, "Demo key").secret());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writeOwnerOnly(Path file, String secret) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on other file systems
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
