package io.leadbridge.dashboard.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Each team's home. */
@Controller
class DashboardController {

    @GetMapping("/marketing")
    String marketing() {
        return "dashboard/marketing";
    }

    @GetMapping("/sales")
    String sales() {
        return "dashboard/sales";
    }

    @GetMapping("/liaison")
    String liaison() {
        return "dashboard/liaison";
    }
}
