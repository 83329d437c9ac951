package nl.baken;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

@Modulithic(sharedModules = "shared")
@SpringBootApplication
public class BakenApplication {

	public static void main(String[] args) {
		SpringApplication.run(BakenApplication.class, args);
	}
}
