package org.tokenyield.system;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresLauncherTests {

	@TempDir
	Path dataDir;

	@Test
	void aLockLeftByADeadPostmasterIsCleared() throws Exception {
		Process dead = new ProcessBuilder("true").start();
		dead.waitFor();
		Files.writeString(this.dataDir.resolve("postmaster.pid"), dead.pid() + "\n" + this.dataDir + "\n");
		EmbeddedPostgresLauncher.stopStalePostmaster(this.dataDir);
		assertThat(this.dataDir.resolve("postmaster.pid")).doesNotExist();
	}

	@Test
	void aLiveProcessThatIsNotPostgresIsLeftAlone() throws Exception {
		Process sleeper = new ProcessBuilder("sleep", "30").start();
		try {
			Files.writeString(this.dataDir.resolve("postmaster.pid"), sleeper.pid() + "\n");
			EmbeddedPostgresLauncher.stopStalePostmaster(this.dataDir);
			assertThat(sleeper.isAlive()).isTrue();
			assertThat(this.dataDir.resolve("postmaster.pid")).doesNotExist();
		}
		finally {
			sleeper.destroyForcibly();
		}
	}

}
