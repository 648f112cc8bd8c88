package dev.resolute.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.Test;

class MissingAclTest {
  @Test
  void shouldNameTheAclBehindEachAuthorizationFailureAsAdminFuturesWrapIt() {
    assertThat(MissingAcl.describe(new ExecutionException(new TransactionalIdAuthorizationException("no")), "resolute~", "resolute"))
        .contains("TransactionalIdAuthorizationException").contains("DESCRIBE and WRITE on TransactionalId resolute~");
    assertThat(MissingAcl.of(new ExecutionException(new ClusterAuthorizationException("no")), "resolute~", "resolute"))
        .isEqualTo("DESCRIBE on Cluster");
    assertThat(MissingAcl.of(new GroupAuthorizationException("no"), "resolute~", "resolute")).isEqualTo("DESCRIBE on Group resolute");
    assertThat(MissingAcl.of(new TopicAuthorizationException(Set.of("instance-leases")), "resolute~", "resolute"))
        .contains("on Topic instance-leases");
  }

  @Test
  void shouldSayTheFailureItselfWhenItIsNotAboutPermissions() {
    assertThat(MissingAcl.of(new TimeoutException("slow"), "resolute~", "resolute")).isNull();
    assertThat(MissingAcl.describe(new ExecutionException(new TimeoutException("slow")), "resolute~", "resolute")).contains("slow")
        .doesNotContain("grant");
  }
}
